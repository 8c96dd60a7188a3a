using FastData.Orleans.Streaming.Kafka;
using FastData.Orleans.Streaming.Kafka.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Orleans.Hosting;

/// <summary>Validates a Kafka stream provider's options at start-up, listing every problem at once.</summary>
public sealed class KafkaStreamOptionsValidator : IConfigurationValidator
{
    private readonly KafkaStreamOptions _options;
    private readonly string _name;

    /// <summary>Creates the validator for provider <paramref name="name"/>.</summary>
    public KafkaStreamOptionsValidator(KafkaStreamOptions options, string name)
    {
        _options = options;
        _name = name;
    }

    /// <summary>Creates the validator of provider <paramref name="name"/> from the service provider.</summary>
    public static IConfigurationValidator Create(IServiceProvider services, string name) =>
        new KafkaStreamOptionsValidator(services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), name);

    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        var errors = Validate(_options);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(
                $"Kafka stream provider '{_name}' is misconfigured:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => $"  - {nameof(KafkaStreamOptions)}.{e}")));
        }
    }

    /// <summary>Returns every problem with <paramref name="options"/>, each starting with the option's path.</summary>
    public static IReadOnlyList<string> Validate(KafkaStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add($"{nameof(options.BootstrapServers)} is required (host:port[,host:port...]).");
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroupId))
        {
            errors.Add($"{nameof(options.ConsumerGroupId)} is required: offsets are committed under it.");
        }

        if (options.Topics is not { Count: > 0 })
        {
            errors.Add($"{nameof(options.Topics)} must list at least one topic.");
        }

        var formats = new KafkaMessageFormats(options.CustomFormats);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (options.Topics?.Count ?? 0); i++)
        {
            var topic = options.Topics![i];
            var path = $"{nameof(options.Topics)}[{i}]";
            if (string.IsNullOrWhiteSpace(topic.Topic))
            {
                errors.Add($"{path}.{nameof(topic.Topic)} is required.");
            }
            else if (!seen.Add(topic.Topic))
            {
                errors.Add($"{path}.{nameof(topic.Topic)} '{topic.Topic}' is listed more than once.");
            }

            if (string.IsNullOrWhiteSpace(topic.StreamNamespace))
            {
                errors.Add($"{path}.{nameof(topic.StreamNamespace)} is required.");
            }

            if (!formats.TryGet(topic.Format ?? string.Empty, out _))
            {
                errors.Add($"{path}.{nameof(topic.Format)} '{topic.Format}' is not a registered format (known: {string.Join(", ", formats.Names)}).");
            }

            if (topic.KeyFields is not { Count: > 0 } || topic.KeyFields.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{path}.{nameof(topic.KeyFields)} must list at least one non-empty field name.");
            }

            if (topic.Partitions is < 1)
            {
                errors.Add($"{path}.{nameof(topic.Partitions)} must be at least 1 when set.");
            }

            if (!string.IsNullOrEmpty(options.DeadLetterTopic) && string.Equals(options.DeadLetterTopic, topic.Topic, StringComparison.Ordinal))
            {
                errors.Add($"{nameof(options.DeadLetterTopic)} '{options.DeadLetterTopic}' must not be an ingestion topic.");
            }
        }

        if (options.CommitInterval <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.CommitInterval)} must be positive.");
        }

        if (options.PullPeriod <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.PullPeriod)} must be positive.");
        }

        if (options.PullWait < TimeSpan.Zero || options.PullWait > TimeSpan.FromSeconds(5))
        {
            errors.Add($"{nameof(options.PullWait)} must be between 0 and 5 seconds (it was {options.PullWait}).");
        }

        if (options.StreamInactivityPeriod < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{nameof(options.StreamInactivityPeriod)} must be at least 1 second (it was {options.StreamInactivityPeriod}).");
        }

        if (options.MetadataTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.MetadataTimeout)} must be positive.");
        }

        if (options.MaxBufferedRecordsPerPartition < 1)
        {
            errors.Add($"{nameof(options.MaxBufferedRecordsPerPartition)} must be at least 1.");
        }

        if (options.CacheSize < 10)
        {
            errors.Add($"{nameof(options.CacheSize)} must be at least 10.");
        }

        if (options.KafkaSettings is null)
        {
            errors.Add($"{nameof(options.KafkaSettings)} must not be null.");
        }

        if (options.ConsumerSettings is null)
        {
            errors.Add($"{nameof(options.ConsumerSettings)} must not be null.");
        }

        return errors;
    }
}
