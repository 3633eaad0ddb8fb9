import SwaggerParser from '@apidevtools/swagger-parser';
import { registeredRoutes } from '../src/common/rest/route-registry.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security?: unknown[]; requestBody?: unknown; responses?: unknown }>
  >;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

/** Routes that serve the documentation itself and so are not described in it. */
// The docs themselves and the static admin panel are pages, not API operations.
const docsRoutes = /^GET \/(docs|admin)(\/|$)/;

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    const response = await fetch(`${t.baseUrl}/docs/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await response.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is a valid OpenAPI document (swagger-parser)', async () => {
    // validate() dereferences in place; give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.openapi).toMatch(/^3\./);
  });

  it('describes every route the app serves', () => {
    const routes = registeredRoutes(t.app.getHttpAdapter().getInstance())
      .filter((route) => route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !docsRoutes.test(key));
    expect(routes.length).toBeGreaterThan(5);
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const missing = routes.filter((key) => !documented.has(key.replace(/:(\w+)/g, '{$1}')));
    expect(missing).toEqual([]);
  });

  it('declares bearer auth and documents zod bodies as JSON Schema', () => {
    expect(document.components?.securitySchemes?.['bearer']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.paths['/api/audit']?.['get']?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/install']?.['post']?.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            required: expect.arrayContaining(['tenantId', 'hostApiBaseUrl', 'panelTokenSecret']),
          },
        },
      },
    });
  });

  it('documents both answers of the settings import: the dry run and the applied write', () => {
    const answer = JSON.stringify(document.paths['/api/settings/import']?.['post']?.responses);
    // The dry run's check result and the write's settings overview.
    for (const field of ['"valid"', '"errors"', '"changes"', '"version"', '"effective"']) {
      expect(answer).toContain(field);
    }
    expect(answer).toMatch(/dryRun=true/);
  });

  it('serves Swagger UI at /docs with its assets', async () => {
    const page = await fetch(`${t.baseUrl}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-initializer.js']) {
      const response = await fetch(`${t.baseUrl}/docs/${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${t.baseUrl}/docs/package.json`)).status).toBe(404);
  });
});
