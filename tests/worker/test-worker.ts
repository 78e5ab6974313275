// The Worker the tests run beside: the real entry needs Astro's build, so tests call the
// pipeline modules directly and this entry only exists to host them.
export default {
  async fetch() {
    return new Response('test worker');
  },
} satisfies ExportedHandler<Env>;
