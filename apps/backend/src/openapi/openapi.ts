import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { backendDir } from '../config/paths.js';
import { zodComponentSchemas } from './api-zod.decorators.js';

export const DOCS_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs/openapi.json';

/** The OpenAPI document, generated from the controllers and their zod schemas. */
export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Switchboard')
    .setDescription(
      'Settings and enforcement for the host helpdesk. Panel and operator calls carry ' +
        '`Authorization: Bearer <session token or host JWT>`; /install and /uninstall are ' +
        'signed by the platform (Standard Webhooks). Errors share one shape: ' +
        '`{ statusCode, code, message, errors?, details? }`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Session token or host JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...Object.fromEntries(zodComponentSchemas) },
  };
  return document;
}

const assets = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const;
type Asset = keyof typeof assets;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Switchboard API</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
<script src="${DOCS_PATH}/swagger-initializer.js"></script>
</body>
</html>
`;

// A separate file rather than an inline script, so the page works under helmet's CSP.
const initializer = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_JSON_PATH)},
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  persistAuthorization: false,
});
`;

function swaggerUiDir(): string {
  // swagger-ui-dist ships no types and its index loads the whole bundle: ask only for its path.
  const require = createRequire(join(backendDir, 'package.json'));
  return (require('swagger-ui-dist/absolute-path.js') as () => string)();
}

/**
 * Serves the document at /docs/openapi.json and Swagger UI at /docs. The UI assets are served
 * here from swagger-ui-dist rather than through SwaggerModule's own UI, which needs
 * @fastify/static (an ESM-only dependency chain the Jest setup cannot load).
 */
export function setupOpenApi(app: NestFastifyApplication): void {
  let document: OpenAPIObject | undefined;
  const fastify = app.getHttpAdapter().getInstance();
  const dir = swaggerUiDir();
  const cache = new Map<Asset, Buffer>();

  fastify.get(OPENAPI_JSON_PATH, async (_request, reply) => {
    document ??= createOpenApiDocument(app);
    return reply.type('application/json; charset=utf-8').send(document);
  });
  fastify.get(DOCS_PATH, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  fastify.get(`${DOCS_PATH}/swagger-initializer.js`, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(initializer),
  );
  fastify.get<{ Params: { asset: string } }>(`${DOCS_PATH}/:asset`, async (request, reply) => {
    const name = request.params.asset;
    if (!Object.hasOwn(assets, name)) {
      return reply.callNotFound();
    }
    const asset = name as Asset;
    let content = cache.get(asset);
    if (content === undefined) {
      content = readFileSync(join(dir, asset));
      cache.set(asset, content);
    }
    return reply.type(assets[asset]).header('cache-control', 'public, max-age=86400').send(content);
  });
}
