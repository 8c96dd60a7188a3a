using FastData.Grains.Pipeline;
using FastData.Grains.Refresh;
using FastData.Orleans.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace Orleans.Hosting;

/// <summary>Registers the pipeline's initial-load pause and full refresh on a silo.</summary>
public static class FastDataRefreshSiloBuilderExtensions
{
    /// <summary>
    /// Adds the cluster-wide trigger pause and per-projection ingestion pause (<c>IPipelineControlGrain</c>, a
    /// <see cref="PipelineTriggerGate"/> per silo kept current by a poller, read by the Kafka receivers through
    /// <see cref="IKafkaIngestionPause"/>) and full refreshes (<c>IRefreshGrain</c>). Call it next to
    /// <c>AddFastDataPipeline</c>; without it triggering is never paused and the control grain cannot activate.
    /// </summary>
    public static ISiloBuilder AddFastDataRefresh(this ISiloBuilder builder, Action<PipelineRefreshOptions>? configure = null)
    {
        var services = builder.Services;
        var options = services.AddOptions<PipelineRefreshOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineTriggerGate>();
        services.TryAddSingleton<PipelineGrainReferences>();
        services.TryAddSingleton<IKafkaIngestionPause, ProjectionIngestionPause>();
        services.AddSingleton<IConfigurationValidator, PipelineRefreshOptionsValidator>();
        services.AddSingleton<PipelineControlPoller>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<PipelineControlPoller>());
        return builder;
    }
}
