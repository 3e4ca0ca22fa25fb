// Swagger UI over the server API's OpenAPI document (served by the API at
// /open-api/ffc-app-server.json). External script: the CSP allows no inline.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/open-api/ffc-app-server.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
    layout: 'BaseLayout',
    validatorUrl: null,
    tryItOutEnabled: true,
  });
});
