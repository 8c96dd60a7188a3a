using Confluent.Kafka;
using FastData.Orleans.Streaming.Kafka.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// Creates the Kafka queue adapter of one named provider and owns what its receivers share: the silo's consumer, the
/// producer and the topic layout (read from the cluster's metadata when a topic's partition count is not configured).
/// </summary>
public sealed partial class KafkaQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable, IDisposable
{
    private readonly string _name;
    private readonly KafkaStreamOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly KafkaProducerHost _producer;
    private readonly Lazy<KafkaTopology> _topology;
    private readonly Lazy<KafkaConsumerHub> _hub;
    private readonly IQueueAdapterCache _cache;
    private readonly DeliveryRelay _relay = new();
    private readonly IKafkaIngestionPause? _pause;
    private int _disposed;

    internal KafkaQueueAdapterFactory(string name, KafkaStreamOptions options, KafkaProducerHost producer, ILoggerFactory loggerFactory, IKafkaIngestionPause? pause = null)
    {
        _name = name;
        _pause = pause;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KafkaQueueAdapterFactory>();
        _producer = producer;
        _topology = new Lazy<KafkaTopology>(ResolveTopology, LazyThreadSafetyMode.ExecutionAndPublication);
        _hub = new Lazy<KafkaConsumerHub>(() => new KafkaConsumerHub(_options, _name, _loggerFactory.CreateLogger<KafkaConsumerHub>()), LazyThreadSafetyMode.ExecutionAndPublication);
        _cache = new KafkaQueueAdapterCache(options.CacheSize, _relay);
        LogInformationCreated(_name, KafkaClientSettings.Describe(options));
    }

    /// <summary>Creates the factory of provider <paramref name="name"/> (used by <c>AddPersistentStreams</c>).</summary>
    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name);
        var producer = services.GetRequiredKeyedService<KafkaProducerHost>(name);
        return new KafkaQueueAdapterFactory(name, options, producer, services.GetRequiredService<ILoggerFactory>(), services.GetService<IKafkaIngestionPause>());
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        var topology = await Task.Run(() => _topology.Value, cancellationToken).ConfigureAwait(false);
        var deadLetters = new DeadLetterWriter(_options, _name, _producer, _loggerFactory.CreateLogger<DeadLetterWriter>());
        return new KafkaQueueAdapter(_name, topology, _hub.Value, deadLetters, _producer, _relay, _options, _loggerFactory, _pause);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => new KafkaStreamQueueMapper(() => _topology.Value);

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_hub.IsValueCreated)
        {
            await _hub.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private KafkaTopology ResolveTopology()
    {
        var formats = new KafkaMessageFormats(_options.CustomFormats);
        var missing = _options.Topics.Where(t => t.Partitions is null).Select(t => t.Topic).ToList();
        var discovered = missing.Count == 0 ? new Dictionary<string, int>() : DiscoverPartitions(missing);
        var bindings = new List<TopicBinding>();
        foreach (var topic in _options.Topics)
        {
            if (!formats.TryGet(topic.Format, out var format))
            {
                throw new OrleansConfigurationException($"Kafka stream provider '{_name}': topic '{topic.Topic}' names format '{topic.Format}', which is not registered (known: {string.Join(", ", formats.Names)}).");
            }

            bindings.Add(new TopicBinding(topic.Topic, topic.StreamNamespace, format, new KafkaKeyFields(topic.KeyFields.ToList()), topic.Partitions ?? discovered[topic.Topic]));
        }

        var topology = new KafkaTopology(bindings);
        LogInformationTopology(_name, string.Join(", ", bindings.Select(b => $"{b.Topic}: {b.Partitions}")), topology.Queues.Count);
        return topology;
    }

    private Dictionary<string, int> DiscoverPartitions(List<string> topics)
    {
        using var admin = new AdminClientBuilder(KafkaClientSettings.Admin(_options, _name)).Build();
        var deadline = DateTime.UtcNow + _options.MetadataTimeout;
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        string lastProblem = "no answer";
        while (true)
        {
            foreach (var topic in topics.Where(t => !found.ContainsKey(t)))
            {
                try
                {
                    var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5));
                    var topicMetadata = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
                    if (topicMetadata is { Error.IsError: false, Partitions.Count: > 0 })
                    {
                        found[topic] = topicMetadata.Partitions.Count;
                    }
                    else
                    {
                        lastProblem = topicMetadata?.Error.Reason ?? "topic not in metadata";
                    }
                }
                catch (KafkaException exception)
                {
                    lastProblem = exception.Error.Reason;
                }
            }

            if (found.Count == topics.Count)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new OrleansConfigurationException(
                    $"Kafka stream provider '{_name}': could not read the partition count of topic(s) {string.Join(", ", topics.Where(t => !found.ContainsKey(t)))} from {_options.BootstrapServers} within {_options.MetadataTimeout} ({lastProblem}). Create the topics or set KafkaTopicOptions.Partitions.");
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(250));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider} configured: {Options}")]
    private partial void LogInformationCreated(string provider, string options);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider}: topics {Topics}; {QueueCount} queues")]
    private partial void LogInformationTopology(string provider, string topics, int queueCount);
}
