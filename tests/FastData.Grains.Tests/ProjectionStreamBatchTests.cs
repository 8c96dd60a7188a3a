using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using FastData.Grains.Abstractions;
using FastData.Grains.Storage;
using FastData.Orleans.Streaming.Kafka.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static FastData.Grains.Tests.RetailRecords;

namespace FastData.Grains.Tests;

/// <summary>A hot key through the real ingestion path: its events, waiting in Kafka, reach the projection grain in
/// batches (the provider coalesces a pull's events by key, the grain observes batches) and cost one write per batch,
/// not one per event.</summary>
public sealed class ProjectionStreamBatchTests
{
    private const int Events = 200;

    [Fact]
    public async Task HotKey_EventsWaitingInKafka_AreAppliedInBatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var customers = RetailModel.Instance.Projections["customers"];
        await using var kafka = EmbeddedKafka.Start(1);
        kafka.CreateTopic(customers.Topic, 1);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build())
        {
            for (var lsn = 1; lsn <= Events; lsn++)
            {
                var envelope = new JsonObject { ["before"] = null, ["after"] = Customer(7, $"N{lsn}"), ["op"] = lsn == 1 ? "c" : "u", ["ts_ms"] = 1767225600000 + lsn, ["source"] = new JsonObject { ["lsn"] = lsn } };
                producer.Produce(customers.Topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("{\"CUSTOMER_ID\":7}"), Value = Encoding.UTF8.GetBytes(envelope.ToJsonString()) });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddKafkaPipeline(kafka.BootstrapServers, "hot-key", [customers]));
        await using var cluster = builder.Build();
        await cluster.DeployAsync(ct);
        var store = cluster.GetSiloServiceProvider().GetRequiredService<IRecordStore>();

        var singleView = cluster.Client.GetGrain<ISingleViewGrain>(GrainKeys.Compose("customer-360", "7"));
        await RefreshWait.UntilAsync(
            async () => (await singleView.GetAsync())?.Json.Contains($"\"N{Events}\"", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(60), $"customer-360 of customer 7 to show the last of its {Events} events");

        var stored = (await store.ReadAsync("customers", "7", ct))!;
        Assert.Equal(Events, stored.Document["__source"]!["offset"]!.GetValue<long>() + 1);
        Assert.True(stored.Version < Events / 2, $"{Events} events of one key took {stored.Version} writes: they were not applied in batches");
    }
}
