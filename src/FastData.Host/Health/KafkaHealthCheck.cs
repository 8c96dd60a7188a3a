using Confluent.Kafka;
using FastData.Host.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FastData.Host.Health;

/// <summary>Healthy when a broker answers a metadata request within 3 s.</summary>
public sealed class KafkaHealthCheck(KafkaEndpoint kafka, IOptions<KafkaHostOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            try
            {
                var settings = new Dictionary<string, string>(options.Value.Settings) { ["bootstrap.servers"] = kafka.BootstrapServers };
                using var admin = new AdminClientBuilder(settings).Build();
                var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
                return HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {kafka.BootstrapServers}{(kafka.IsEmbedded ? " (embedded)" : string.Empty)}.");
            }
            catch (KafkaException e)
            {
                return HealthCheckResult.Unhealthy($"Kafka at {kafka.BootstrapServers} did not answer: {e.Error.Reason}");
            }
        }, cancellationToken);
}
