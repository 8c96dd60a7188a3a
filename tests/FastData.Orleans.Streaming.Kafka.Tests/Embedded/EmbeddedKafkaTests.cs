using Confluent.Kafka;
using FastData.Orleans.Streaming.Kafka.Embedded;

namespace FastData.Orleans.Streaming.Kafka.Tests.Embedded;

public sealed class EmbeddedKafkaTests
{
    [Fact]
    public async Task EmbeddedKafka_ProduceThenConsumeWithPlainClients_ReturnsEveryRecordPerPartitionInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("orders", partitions: 4);
        Assert.Contains("127.0.0.1:", kafka.BootstrapServers, StringComparison.Ordinal);

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build())
        {
            for (var i = 0; i < 200; i++)
            {
                await producer.ProduceAsync(new TopicPartition("orders", i % 4), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }, ct);
            }
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "test", AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset("orders", p, Offset.Beginning)));
        var perPartition = new Dictionary<int, List<int>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var received = 0;
        while (received < 200)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for 200 records, got {received}");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            received++;
            var n = int.Parse(result.Message.Value.AsSpan(1), provider: System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(n % 4, result.Partition.Value);
            (perPartition.TryGetValue(result.Partition.Value, out var list) ? list : perPartition[result.Partition.Value] = []).Add(n);
        }

        foreach (var (_, list) in perPartition)
        {
            Assert.Equal(list.Order(), list);
        }
    }

    [Fact]
    public async Task EmbeddedKafka_AllBrokersDownThenUp_ProducerDeliversAfterRecovery()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kafka = EmbeddedKafka.Start(brokerCount: 1);
        kafka.CreateTopic("t", partitions: 1);
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true, Acks = Acks.All, MessageTimeoutMs = 60_000 }).Build();
        await producer.ProduceAsync("t", new Message<Null, string> { Value = "before" }, ct);

        kafka.SetAllBrokersDown();
        var pending = producer.ProduceAsync("t", new Message<Null, string> { Value = "during" }, ct);
        var finishedWhileDown = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(2), ct)) == pending;
        Assert.False(finishedWhileDown, "a record was acknowledged while every broker was down");
        kafka.SetAllBrokersUp();

        var result = await pending.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        Assert.Equal(1, result.Offset.Value);
    }

    [Fact]
    public async Task EmbeddedKafka_BrokerIdOutOfRange_Throws()
    {
        await using var kafka = EmbeddedKafka.Start(brokerCount: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.SetBrokerDown(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.SetBrokerDown(0));
    }
}
