using System.Text;

// The same route, API-key header check and ETag as the real read, but the documents are pre-serialised bytes in a
// dictionary: what the HTTP stack alone can serve. Arguments: --keys N --doc-bytes B --key K (and ASP.NET's --urls).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var keys = builder.Configuration.GetValue("keys", 10_000);
var size = builder.Configuration.GetValue("doc-bytes", 1_000);
var apiKey = builder.Configuration["key"] ?? "bench-key-0123456789";
var documents = new Dictionary<string, byte[]>(keys, StringComparer.Ordinal);
for (var i = 1; i <= keys; i++)
{
    var prefix = $"{{\"CUSTOMER_ID\":{i},\"padding\":\"";
    var padding = new string('x', Math.Max(0, size - prefix.Length - 2));
    documents[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Encoding.UTF8.GetBytes(prefix + padding + "\"}");
}

var app = builder.Build();
app.MapGet("/api/single-views/customer-360/{key}", async (string key, HttpContext context) =>
{
    if (context.Request.Headers["X-Api-Key"] != apiKey)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return;
    }

    if (!documents.TryGetValue(key, out var document))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    context.Response.ContentType = "application/json";
    context.Response.Headers.ETag = "\"1\"";
    await context.Response.Body.WriteAsync(document);
});
app.MapGet("/health/ready", () => "ok");
app.Run();
