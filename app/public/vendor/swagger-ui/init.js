// Boots the bundled Swagger UI on Reel's generated OpenAPI document (served same-origin, no CDN).
window.addEventListener('load', () => {
  window.SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });
});
