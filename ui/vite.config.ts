import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The UI lives in ui/; the build goes to ui/dist, which tauri.conf.json serves (frontendDist).
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
    // styles.css is read as text by styles.test.ts (its colours' contrast); other CSS stays out.
    css: { include: [/styles\.css/] },
  },
});
