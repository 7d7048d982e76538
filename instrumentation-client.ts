import { config } from "zod";

// Runs in the browser before the app. zod compiles object schemas with `new Function` when eval is
// allowed, and probes for that with a caught `new Function("")`, which the page's CSP (no
// 'unsafe-eval') reports as a violation. Without JIT the schemas parse the same way, only slower.
config({ jitless: true });
