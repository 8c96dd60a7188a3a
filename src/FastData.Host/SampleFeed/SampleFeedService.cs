using FastData.Orleans.Streaming.Kafka;
using FastData.Samples.Retail;
using Microsoft.Extensions.Options;

namespace FastData.Host.SampleFeed;

/// <summary>Writes the retail generator's Debezium events to the ingestion topics at a steady pace, so that the
/// default run shows single views appearing and changing.</summary>
public sealed partial class SampleFeedService(
    IOptions<SampleFeedOptions> options,
    IKafkaPublisher publisher,
    ILogger<SampleFeedService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = options.Value;
        var generator = new RetailEventGenerator(new RetailGeneratorOptions
        {
            Seed = feed.Seed,
            Customers = feed.Customers,
            Products = feed.Products,
            ChangeEvents = feed.ChangeEvents,
        });
        var perTick = Math.Max(1, feed.EventsPerSecond / 10);
        var batches = new Dictionary<string, List<KafkaOutgoingRecord>>(StringComparer.Ordinal);
        long sent = 0;
        LogInformationStarted(logger, feed.EventsPerSecond, feed.Seed);
        using var timer = new PeriodicTimer(Tick);
        using var records = generator.Generate().GetEnumerator();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var count = 0;
                while (count < perTick && records.MoveNext())
                {
                    var record = records.Current;
                    if (!batches.TryGetValue(record.Topic, out var batch))
                    {
                        batch = [];
                        batches[record.Topic] = batch;
                    }

                    batch.Add(new KafkaOutgoingRecord(record.Key, record.Value));
                    count++;
                }

                foreach (var (topic, batch) in batches)
                {
                    if (batch.Count > 0)
                    {
                        await publisher.PublishBatchAsync(topic, batch, stoppingToken);
                        batch.Clear();
                    }
                }

                sent += count;
                if (count < perTick)
                {
                    LogInformationFinished(logger, sent);
                    return;
                }

                if (sent % (feed.EventsPerSecond * 60L) < count)
                {
                    LogInformationProgress(logger, sent);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (KafkaPublishException e)
        {
            LogErrorPublish(logger, e, sent);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample feed started: retail Debezium events at {EventsPerSecond}/s (seed {Seed})")]
    private static partial void LogInformationStarted(ILogger logger, int eventsPerSecond, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample feed: {Sent} events written")]
    private static partial void LogInformationProgress(ILogger logger, long sent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample feed finished after {Sent} events")]
    private static partial void LogInformationFinished(ILogger logger, long sent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sample feed stopped after {Sent} events: Kafka did not accept a batch")]
    private static partial void LogErrorPublish(ILogger logger, Exception exception, long sent);
}
