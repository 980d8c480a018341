// Validates an OpenAPI document against the OpenAPI schema and resolves every $ref.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
try {
  const api = await SwaggerParser.validate(file);
  const operations = Object.values(api.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`openapi: ${file} is valid OpenAPI ${api.openapi} (${Object.keys(api.paths).length} paths, ${operations} operations)`);
} catch (err) {
  console.error(`openapi: ${file} is not valid: ${err.message}`);
  process.exit(1);
}
