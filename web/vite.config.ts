// SPDX-License-Identifier: MIT
// Vite build of the public web app. `base: './'` keeps every asset path relative, so `dist/` works from any folder
// (the live server, `metropoli export-site`, a plain static server).
//
// Development data: without METROPOLI_API the dev and preview servers answer `config.json` and `api/v1/...` from
// web/fixtures/ (static-export layout, `{"static": true}`; METROPOLI_FIXTURE_MODE=live answers the live layout
// instead). With METROPOLI_API=http://127.0.0.1:8080 they proxy both to a running `metropoli serve`.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin, ProxyOptions } from 'vite';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, 'fixtures');
const api = process.env.METROPOLI_API;
const liveFixtures = process.env.METROPOLI_FIXTURE_MODE === 'live';

function fixtureMiddleware(): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    if (path === '/config.json') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ static: !liveFixtures }));
      return;
    }
    if (!path.startsWith('/api/v1/')) return next();
    let rel = normalize(path.slice(1));
    if (liveFixtures) rel += '.json';
    const file = join(fixtures, rel);
    if (!file.startsWith(fixtures + '/') || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/problem+json');
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: path }));
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    createReadStream(file).pipe(res);
  };
}

function fixtures_plugin(): Plugin {
  return {
    name: 'metropoli-fixtures',
    configureServer(server) {
      server.middlewares.use(fixtureMiddleware());
    },
    configurePreviewServer(server) {
      server.middlewares.use(fixtureMiddleware());
    },
  };
}

const proxy: Record<string, ProxyOptions> | undefined = api
  ? { '/api': { target: api, changeOrigin: true }, '/config.json': { target: api, changeOrigin: true } }
  : undefined;

export default defineConfig({
  base: './',
  plugins: api ? [] : [fixtures_plugin()],
  preview: { proxy },
  server: { proxy, fs: { allow: ['..'] } },
  build: {
    rollupOptions: {
      input: {
        main: resolve(here, 'index.html'),
        embed: resolve(here, 'embed/index.html'),
        // The access pages (issue 10): sign in, my account, the admin area, the directory of organisations.
        acceso: resolve(here, 'acceso.html'),
        cuenta: resolve(here, 'cuenta.html'),
        admin: resolve(here, 'admin.html'),
        organizaciones: resolve(here, 'organizaciones.html'),
        // Coordinar (issue 12): the convenio and who does what where.
        convenio: resolve(here, 'convenio.html'),
        '3w': resolve(here, '3w.html'),
        // Coordinar (issue 12): the Mesa de Salud, its seats and meetings.
        mesa: resolve(here, 'mesa.html'),
        // Coordinar (issue 12): the minutes of the Mesa de Salud and its bodies.
        actas: resolve(here, 'actas.html'),
        // Coordinar (issue 12): the agreements and their follow-up.
        acuerdos: resolve(here, 'acuerdos.html'),
        // Homologar (issue 13): the homologation matrix of activity rules.
        homologacion: resolve(here, 'homologacion.html'),
        // Homologar (issue 13): declared semáforo colours beside the computed ones, and why they differ.
        semaforo: resolve(here, 'semaforo.html'),
        // Homologar (issue 13): harmonised decisions, their vote and compliance.
        decisiones: resolve(here, 'decisiones.html'),
        // Homologar (issue 13): observations entered, reviewed and listed.
        observaciones: resolve(here, 'observaciones.html'),
      },
    },
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
});
