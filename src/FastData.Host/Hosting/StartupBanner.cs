using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FastData.Host.Hosting;

/// <summary>Prints where the API, its OpenAPI page and the Dashboard answer once Kestrel has bound its ports
/// (the actual ports: <c>--urls http://127.0.0.1:0</c> picks free ones).</summary>
public sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<SiloOptions> siloOptions,
    KafkaEndpoint kafka,
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

        LogInformationSilo(logger, siloOptions.Value.ClusterId, siloOptions.Value.SiloPort, siloOptions.Value.GatewayPort);
        LogInformationKafka(logger, kafka.IsEmbedded ? "embedded" : "external", kafka.BootstrapServers);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FastData.Orleans is listening on {Api} | API reference {ApiReference} | OpenAPI {OpenApi} | Dashboard {Dashboard} | readiness {Ready}")]
    private static partial void LogInformationUrls(ILogger logger, string api, string apiReference, string openApi, string dashboard, string ready);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka ({Kind}) bootstrap servers: {BootstrapServers}")]
    private static partial void LogInformationKafka(ILogger logger, string kind, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo of cluster {ClusterId} on silo port {SiloPort}, gateway port {GatewayPort}")]
    private static partial void LogInformationSilo(ILogger logger, string clusterId, int siloPort, int gatewayPort);
}
