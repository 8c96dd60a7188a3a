using System.Diagnostics;
using Confluent.Kafka;
using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using FastData.Orleans.Streaming.Kafka.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>The convergence property through the real ingestion path: the workload's records are produced to the
/// embedded Kafka on their partitions (keys moving partition halfway, duplicates, replays, tombstones), the Kafka
/// stream provider hands them to the projection grains, and the single views must end equal to a from-scratch
/// aggregation of the final projection records.</summary>
public sealed class ConvergenceKafkaTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RandomCdcWorkload_ThroughKafkaStreams_EverySingleViewEqualsFromScratchAggregation()
    {
        var model = RetailModel.Instance;
        var workload = ConvergenceWorkload.Create(model, ConvergenceTests.Options(seed: 47, customers: 100, products: 30, changes: 1500));
        ConvergenceCheck.AssertWorkloadIsRich(workload);
        await using var kafka = EmbeddedKafka.Start(1);
        foreach (var projection in model.Projections.Values)
        {
            kafka.CreateTopic(projection.Topic, ConvergenceWorkload.PartitionsPerTopic);
        }

        Produce(kafka.BootstrapServers, workload);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddKafkaPipeline(kafka.BootstrapServers, "convergence", model.Projections.Values));
        await using var cluster = builder.Build();
        await cluster.DeployAsync(Ct);
        var services = cluster.GetSiloServiceProvider();
        var store = services.GetRequiredService<IRecordStore>();
        var reference = ConvergenceReference.Build(model, workload.Events);

        // Drained when nothing differs any more: the reference is the final state, which no stale event changes.
        var clock = Stopwatch.StartNew();
        var (problems, _) = await ConvergenceCheck.DifferencesAsync(model, store, reference, Ct);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (problems.Count > 0 && clock.Elapsed < Timeout && await poll.WaitForNextTickAsync(Ct))
        {
            (problems, _) = await ConvergenceCheck.DifferencesAsync(model, store, reference, Ct);
        }

        await ConvergenceCheck.AssertConvergedAsync(model, store, services.GetRequiredService<InMemoryPipelineSinks>(), reference, Ct);
    }

    private static void Produce(string bootstrapServers, ConvergenceWorkload workload)
    {
        using var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 5 }).Build();
        foreach (var record in workload.Produced)
        {
            // On the workload's own partition, so that offsets, and the events' source positions, are the ones the
            // reference was computed from.
            producer.Produce(
                new TopicPartition(record.Topic, record.Partition),
                new Message<byte[], byte[]?> { Key = record.Key, Value = record.Value, Timestamp = new Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampMs).UtcDateTime) });
        }

        var pending = producer.Flush(TimeSpan.FromSeconds(60));
        Assert.True(pending == 0, $"{pending} records of the workload were not acknowledged by the embedded Kafka within 60 s");
    }
}
