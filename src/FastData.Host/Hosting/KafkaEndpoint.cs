using FastData.Model.Configuration;
using FastData.Orleans.Streaming.Kafka.Embedded;

namespace FastData.Host.Hosting;

/// <summary>The Kafka cluster the host talks to: the one named by <c>ConnectionStrings:kafka</c>, or an embedded one
/// started with the host, with every topic the configuration needs already created.</summary>
public sealed class KafkaEndpoint : IAsyncDisposable
{
    private KafkaEndpoint(string bootstrapServers, EmbeddedKafka? embedded)
    {
        BootstrapServers = bootstrapServers;
        Embedded = embedded;
    }

    public string BootstrapServers { get; }

    /// <summary>The embedded cluster, or null when a real one is used.</summary>
    public EmbeddedKafka? Embedded { get; }

    public bool IsEmbedded => Embedded is not null;

    public static KafkaEndpoint Connect(string? connectionString, FastDataModel model, KafkaHostOptions options)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new KafkaEndpoint(connectionString, null);
        }

        var embedded = EmbeddedKafka.Start(brokerCount: 1);
        foreach (var projection in model.Projections.Values)
        {
            embedded.CreateTopic(projection.Topic, options.EmbeddedPartitions);
        }

        foreach (var singleView in model.SingleViews.Keys)
        {
            embedded.CreateTopic(string.Format(System.Globalization.CultureInfo.InvariantCulture, options.SingleViewTopicFormat, singleView), options.EmbeddedPartitions);
        }

        embedded.CreateTopic(options.DeadLetterTopic, 1);
        return new KafkaEndpoint(embedded.BootstrapServers, embedded);
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
