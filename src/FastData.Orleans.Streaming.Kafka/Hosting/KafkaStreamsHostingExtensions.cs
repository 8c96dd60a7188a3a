using FastData.Orleans.Streaming.Kafka;
using FastData.Orleans.Streaming.Kafka.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Registers the Kafka persistent stream provider on silos and clients.</summary>
public static class KafkaStreamsHostingExtensions
{
    /// <summary>
    /// Adds the Kafka stream provider <paramref name="name"/> to the silo: one Orleans queue per topic-partition of the
    /// configured topics, balanced across silos; also registers an <see cref="IKafkaPublisher"/> (keyed by
    /// <paramref name="name"/>, and unkeyed for the first provider).
    /// </summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<KafkaStreamOptions> configure, Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.ConfigureServices(services => AddCommonServices(services, name, configure));
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream =>
        {
            stream.ConfigureDelegate(services =>
            {
                services.AddSingleton(sp => KafkaStreamOptionsValidator.Create(sp, name));
                services.AddOptions<StreamPullingAgentOptions>(name).Configure<IOptionsMonitor<KafkaStreamOptions>>((agent, kafka) =>
                {
                    agent.GetQueueMsgsTimerPeriod = kafka.Get(name).PullPeriod;
                    agent.StreamInactivityPeriod = kafka.Get(name).StreamInactivityPeriod;
                });
                // The provider's cache cannot protect multi-container deliveries (Orleans keeps that interface internal),
                // and needs not: one container already carries every event of its key from one pull.
                services.AddOptions<StreamPullingAgentOptions>(name).PostConfigure(agent => agent.BatchContainerBatchSize = 1);
            });
            configureStream?.Invoke(stream);
        });
    }

    /// <summary>Adds the Kafka stream provider <paramref name="name"/> to a client, which can then produce to its streams.</summary>
    public static IClientBuilder AddKafkaStreams(this IClientBuilder builder, string name, Action<KafkaStreamOptions> configure, Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.ConfigureServices(services => AddCommonServices(services, name, configure));
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream => configureStream?.Invoke(stream));
    }

    private static void AddCommonServices(IServiceCollection services, string name, Action<KafkaStreamOptions> configure)
    {
        services.AddOptions<KafkaStreamOptions>(name).Configure(configure);
        services.AddKeyedSingleton(name, (sp, _) => new KafkaProducerHost(
            sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name),
            name,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<KafkaProducerHost>()));
        services.AddKeyedSingleton<IKafkaPublisher>(name, (sp, _) => sp.GetRequiredKeyedService<KafkaProducerHost>(name));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IKafkaPublisher>(name));
    }
}
