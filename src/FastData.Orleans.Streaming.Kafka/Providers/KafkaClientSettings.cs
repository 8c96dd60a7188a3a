using System.Text;
using Confluent.Kafka;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>Builds the librdkafka configurations of a provider's clients and describes options with secrets redacted.</summary>
internal static class KafkaClientSettings
{
    private static readonly string[] SecretMarkers = ["password", "secret", "key", "token", "credential", "jaas"];

    public static ConsumerConfig Consumer(KafkaStreamOptions options, string providerName)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.ConsumerGroupId,
            ClientId = $"fastdata-{providerName}-consumer",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = options.StartPosition == KafkaStartPosition.Latest ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            // Larger fetches: the consumer feeds many partitions through one client.
            FetchMaxBytes = 64 * 1024 * 1024,
            MaxPartitionFetchBytes = 4 * 1024 * 1024,
            QueuedMaxMessagesKbytes = 256 * 1024,
            FetchWaitMaxMs = 50,
            // Record headers are never read (formats get key and value; dead letters carry their own headers): not
            // marshalling them spares a P/Invoke and two objects per record.
            ConsumeResultFields = "topic,timestamp",
        };
        Apply(config, options);
        foreach (var (name, value) in options.ConsumerSettings)
        {
            config.Set(name, value);
        }

        return config;
    }

    public static ProducerConfig Producer(KafkaStreamOptions options, string providerName)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = $"fastdata-{providerName}-producer",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 300_000,
        };
        Apply(config, options);
        return config;
    }

    public static AdminClientConfig Admin(KafkaStreamOptions options, string providerName)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers, ClientId = $"fastdata-{providerName}-admin" };
        Apply(config, options);
        return config;
    }

    public static bool IsSecret(string settingName) =>
        SecretMarkers.Any(marker => settingName.Contains(marker, StringComparison.OrdinalIgnoreCase))
        && !settingName.EndsWith(".location", StringComparison.OrdinalIgnoreCase)
        && !settingName.Equals("sasl.mechanism", StringComparison.OrdinalIgnoreCase);

    /// <summary>A one-line description of the options for logs; secret settings show as ***.</summary>
    public static string Describe(KafkaStreamOptions options)
    {
        var builder = new StringBuilder();
        builder.Append("BootstrapServers=").Append(options.BootstrapServers)
            .Append("; ConsumerGroupId=").Append(options.ConsumerGroupId)
            .Append("; StartPosition=").Append(options.StartPosition)
            .Append("; DeadLetterTopic=").Append(options.DeadLetterTopic ?? "(none)")
            .Append("; Topics=[");
        builder.AppendJoin(", ", options.Topics.Select(t => $"{t.Topic} -> {t.StreamNamespace} ({t.Format}; key {string.Join("+", t.KeyFields)}{(t.Partitions is { } p ? $"; {p} partitions" : string.Empty)})"));
        builder.Append("]; KafkaSettings={");
        AppendRedacted(builder, options.KafkaSettings);
        builder.Append("}; ConsumerSettings={");
        AppendRedacted(builder, options.ConsumerSettings);
        builder.Append("}; CommitInterval=").Append(options.CommitInterval)
            .Append("; MaxBufferedRecordsPerPartition=").Append(options.MaxBufferedRecordsPerPartition)
            .Append("; CacheSize=").Append(options.CacheSize)
            .Append("; CoalesceByKey=").Append(options.CoalesceByKey)
            .Append("; PullPeriod=").Append(options.PullPeriod)
            .Append("; PullWait=").Append(options.PullWait)
            .Append("; StreamInactivityPeriod=").Append(options.StreamInactivityPeriod);
        return builder.ToString();
    }

    private static void AppendRedacted(StringBuilder builder, IDictionary<string, string> settings) =>
        builder.AppendJoin(", ", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={(IsSecret(s.Key) ? "***" : s.Value)}"));

    private static void Apply(ClientConfig config, KafkaStreamOptions options)
    {
        foreach (var (name, value) in options.KafkaSettings)
        {
            config.Set(name, value);
        }
    }
}
