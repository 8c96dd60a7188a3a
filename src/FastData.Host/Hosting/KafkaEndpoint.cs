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

    /// <summary>Uses the cluster of <paramref name="connectionString"/>, or starts an embedded one with the topics of
    /// <paramref name="model"/>, the dead letters and <paramref name="extraTopics"/> (commands) created.</summary>
    public static KafkaEndpoint Connect(string? connectionString, FastDataModel model, KafkaHostOptions options, IEnumerable<string> extraTopics)
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
        foreach (var topic in extraTopics)
        {
            embedded.CreateTopic(topic, options.EmbeddedPartitions);
        }

        return new KafkaEndpoint(embedded.BootstrapServers, embedded);
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
