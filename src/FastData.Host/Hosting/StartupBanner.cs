using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using FastData.Host.Security;
using Microsoft.Extensions.Options;

namespace FastData.Host.Hosting;

/// <summary>Prints where the API, its OpenAPI page and the Dashboard answer once Kestrel has bound its ports
/// (the actual ports: <c>--urls http://127.0.0.1:0</c> picks free ones).</summary>
public sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<SiloOptions> siloOptions,
    KafkaEndpoint kafka,
    ApiKeyRegistry apiKeys,
    SecurityNotices notices,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var root = address.TrimEnd('/');
            LogInformationUrls(logger, root, $"{root}/scalar/v1", $"{root}/openapi/v1.json", $"{root}/dashboard/", $"{root}/health/ready");
        }

        foreach (var rewrite in notices.LoopbackRewrites)
        {
            LogWarningLoopback(logger, rewrite);
        }

        PrintGeneratedKey(addresses.FirstOrDefault()?.TrimEnd('/'));
        LogInformationKeys(logger, apiKeys.IsGenerated ? "one generated admin key (printed on standard output)" : $"{apiKeys.Keys.Count} configured key(s)");
        LogInformationSilo(logger, siloOptions.Value.ClusterId, siloOptions.Value.SiloPort, siloOptions.Value.GatewayPort);
        LogInformationKafka(logger, kafka.IsEmbedded ? "embedded" : "external", kafka.BootstrapServers);
    }

    /// <summary>The generated key goes to standard output once, never to the log (log files are kept and shipped).</summary>
    private void PrintGeneratedKey(string? root)
    {
        if (apiKeys.TakeGeneratedKey() is not { } key)
        {
            return;
        }

        var output = Console.Out;
        output.WriteLine("------------------------------------------------------------------------------");
        output.WriteLine("No API key is configured (FastData:ApiKeys), so this run generated an admin key.");
        output.WriteLine("It is shown only now and the host listens on loopback only:");
        output.WriteLine($"  X-Api-Key: {key}");
        if (root is not null)
        {
            output.WriteLine($"  curl -H 'X-Api-Key: {key}' {root}/api/single-views/customer-360/1");
            output.WriteLine($"  Dashboard: {root}/dashboard/ (open from this machine without a key)");
        }

        output.WriteLine("------------------------------------------------------------------------------");
        output.Flush();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key is configured: listening on loopback only ({Rewrite})")]
    private static partial void LogWarningLoopback(ILogger logger, string rewrite);

    [LoggerMessage(Level = LogLevel.Information, Message = "API security: {Keys}; send them in the X-Api-Key header")]
    private static partial void LogInformationKeys(ILogger logger, string keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "FastData.Orleans is listening on {Api} | API reference {ApiReference} | OpenAPI {OpenApi} | Dashboard {Dashboard} | readiness {Ready}")]
    private static partial void LogInformationUrls(ILogger logger, string api, string apiReference, string openApi, string dashboard, string ready);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka ({Kind}) bootstrap servers: {BootstrapServers}")]
    private static partial void LogInformationKafka(ILogger logger, string kind, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo of cluster {ClusterId} on silo port {SiloPort}, gateway port {GatewayPort}")]
    private static partial void LogInformationSilo(ILogger logger, string clusterId, int siloPort, int gatewayPort);
}
