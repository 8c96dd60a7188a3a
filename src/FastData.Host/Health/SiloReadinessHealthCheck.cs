using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace FastData.Host.Health;

/// <summary>Ready once the co-hosted silo has joined its cluster: before that, grain calls would fail.</summary>
public sealed class SiloReadinessHealthCheck(ISiloStatusOracle siloStatusOracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = siloStatusOracle.CurrentStatus;
        var result = status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {siloStatusOracle.SiloAddress} is active.")
            : HealthCheckResult.Unhealthy($"Silo {siloStatusOracle.SiloAddress} is {status}.");
        return Task.FromResult(result);
    }
}
