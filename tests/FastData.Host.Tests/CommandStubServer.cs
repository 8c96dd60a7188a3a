using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastData.Host.Tests;

/// <summary>A system reached by HTTP executors, on a loopback Kestrel port: /ok answers 200, /fail answers 500;
/// it records the Idempotency-Key of every request per path.</summary>
public sealed class CommandStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CommandStubServer(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, ConcurrentQueue<string>> Requests { get; } = new();

    public string BaseUrl => _app.Urls.First();

    public static async Task<CommandStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new CommandStubServer(app);
        app.MapPost("/{outcome}", (string outcome, HttpRequest request) =>
        {
            server.Requests.GetOrAdd(outcome, _ => new()).Enqueue(request.Headers["Idempotency-Key"].ToString());
            return outcome == "ok" ? Results.Ok() : Results.StatusCode(StatusCodes.Status500InternalServerError);
        });
        await app.StartAsync();
        return server;
    }

    public int Count(string outcome, string commandId) =>
        Requests.TryGetValue(outcome, out var queue) ? queue.Count(id => id == commandId) : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
