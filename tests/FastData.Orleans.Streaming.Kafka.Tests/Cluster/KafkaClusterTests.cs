using System.Globalization;
using System.Text;
using Confluent.Kafka;
using FastData.Orleans.Streaming.Kafka.Embedded;
using FastData.Orleans.Streaming.Kafka.Providers;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace FastData.Orleans.Streaming.Kafka.Tests.Cluster;

/// <summary>The provider in a 2-silo in-process cluster on the embedded Kafka.</summary>
[Collection(KafkaClusterCollection.Name)]
public sealed class KafkaClusterTests : IAsyncLifetime
{
    public const string ProviderName = "kafka";
    public const string StreamNamespace = "orders";
    private const int Partitions = 8;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    private EmbeddedKafka _kafka = null!;

    public ValueTask InitializeAsync()
    {
        _kafka = EmbeddedKafka.Start(brokerCount: 3);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _kafka.DisposeAsync();

    [Fact]
    public async Task KafkaStreams_RecordsOver8Partitions_ReachTheGrainOfTheirKeyInPartitionOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopic();
        await using var cluster = await StartClusterAsync(topic, "group-order", ct);

        var produced = await ProduceAsync(topic, keys: 100, perKey: 20, ct);

        await WaitForAllAsync(topic, produced, ct);
        var deliveries = DeliveryRecorder.For(topic);
        Assert.All(deliveries, d => Assert.Equal(d.GrainKey, d.Event.Key));
        Assert.Equal(produced.Count, deliveries.Select(d => (d.Event.Partition, d.Event.Offset)).Distinct().Count());
        AssertPerKeyInPartitionOrder(deliveries);
        Assert.Equal(Partitions, deliveries.Select(d => d.Event.Partition).Distinct().Count());
        // Each key's events carry SEQ 0..19 in production order, which partition order must preserve (first arrivals:
        // a partition that moves to the second silo may repeat its uncommitted tail).
        foreach (var byKey in deliveries.GroupBy(d => d.GrainKey))
        {
            Assert.Equal(Enumerable.Range(0, 20), byKey.Select(d => Sequence(d.Event)).Distinct());
        }
    }

    [Fact]
    public async Task KafkaStreams_ClusterStoppedAndStarted_NothingLostAndNothingCommittedHandedOverAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopic();
        const string group = "group-restart";

        var first = await ProduceAsync(topic, keys: 50, perKey: 10, ct, startSequence: 0, createTopic: true);
        IReadOnlyDictionary<int, long> committedAtStop;
        await using (var cluster = await StartClusterAsync(topic, group, ct, createTopic: false))
        {
            await WaitForAllAsync(topic, first, ct);
            await WaitForCommitsAsync(topic, group, first, ct);
        }

        committedAtStop = ReadCommitted(topic, group);
        var seenBeforeRestart = DeliveryRecorder.CountFor(topic);
        var second = await ProduceAsync(topic, keys: 50, perKey: 10, ct, startSequence: 10, createTopic: false);

        await using (var cluster = await StartClusterAsync(topic, group, ct, createTopic: false))
        {
            await WaitForAllAsync(topic, [.. first, .. second], ct);
        }

        var afterRestart = DeliveryRecorder.For(topic).Skip(seenBeforeRestart).ToList();
        var replayed = afterRestart.Where(d => d.Event.Offset < committedAtStop.GetValueOrDefault(d.Event.Partition, 0)).ToList();
        Assert.True(replayed.Count == 0, $"{replayed.Count} committed record(s) handed over again, e.g. {replayed.FirstOrDefault()?.Event}");
        AssertPerKeyInPartitionOrder(afterRestart);
    }

    [Fact]
    public async Task KafkaStreams_StoppedRightAfterDelivery_CommitsWhatWasDelivered()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopic();
        const string group = "group-stop-commit";
        var records = await ProduceAsync(topic, keys: 40, perKey: 5, ct, createTopic: true);

        // A long pull period: once a pulling agent has read the records it does not purge its cache again for seconds, so
        // when the silos stop, only the cache's cursors know what the grains received. The final commit must cover it.
        await using (var cluster = await StartClusterAsync(topic, group, ct, createTopic: false, pullPeriod: TimeSpan.FromSeconds(30)))
        {
            await WaitForAllAsync(topic, records, ct);
        }

        var ends = records.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1);
        var committed = ReadCommitted(topic, group);
        var behind = ends.Where(e => committed.GetValueOrDefault(e.Key, -1) < e.Value).ToList();
        Assert.True(
            behind.Count == 0,
            $"partitions committed short of what was delivered at stop: {string.Join(", ", behind.Select(e => $"{e.Key}: committed {committed.GetValueOrDefault(e.Key, -1)}, delivered up to {e.Value}"))}");
    }

    [Fact]
    public async Task KafkaStreams_PoisonRecords_DeadLetteredWhileTheRestFlows()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopic();
        var deadLetterTopic = topic + ".dlq";
        _kafka.CreateTopic(deadLetterTopic, 1);
        await using var cluster = await StartClusterAsync(topic, "group-poison", ct, deadLetterTopic: deadLetterTopic);

        using var producer = NewProducer();
        var poison = new (string Value, string Reason)[]
        {
            ("{not json", "invalid-json"),
            ("""{"after":{"ORDER_ID":1},"op":"z"}""", "unknown-operation"),
            ("""{"after":{"OTHER":1},"op":"c"}""", "key-fields-missing"),
        };
        var good = new List<(int Partition, long Offset)>();
        var bad = new List<(int Partition, long Offset, string Reason)>();
        for (var i = 0; i < 60; i++)
        {
            var partition = i % Partitions;
            if (i % 10 == 3)
            {
                var (value, reason) = poison[(i / 10) % poison.Length];
                var stored = await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<byte[], byte[]> { Key = null!, Value = Encoding.UTF8.GetBytes(value) }, ct);
                bad.Add((partition, stored.Offset.Value, reason));
            }
            else
            {
                var stored = await producer.ProduceAsync(new TopicPartition(topic, partition), Debezium(i, 0), ct);
                good.Add((partition, stored.Offset.Value));
            }
        }

        await WaitForAllAsync(topic, good, ct);
        var letters = ConsumeAll(deadLetterTopic, bad.Count, ct);
        var found = letters.Select(m => (int.Parse(Header(m, DeadLetterWriter.PartitionHeader), CultureInfo.InvariantCulture), long.Parse(Header(m, DeadLetterWriter.OffsetHeader), CultureInfo.InvariantCulture), Header(m, DeadLetterWriter.ReasonHeader))).ToHashSet();
        Assert.Equal(bad.ToHashSet(), found);
        Assert.All(letters, m => Assert.Equal(topic, Header(m, DeadLetterWriter.TopicHeader)));
        Assert.Equal(good.Count, DeliveryRecorder.For(topic).Count);
        // The partitions move past the poison records: offsets are committed to the end.
        await WaitForCommitsAsync(topic, "group-poison", [.. good, .. bad.Select(b => (b.Partition, b.Offset))], ct);
    }

    [Fact]
    public async Task KafkaStreams_BrokersDownForSeconds_NothingLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopic();
        await using var cluster = await StartClusterAsync(topic, "group-outage", ct);
        var first = await ProduceAsync(topic, keys: 40, perKey: 5, ct, createTopic: false);
        await WaitForAllAsync(topic, first, ct);

        using var producer = NewProducer();
        _kafka.SetAllBrokersDown();
        var pending = Enumerable.Range(0, 200).Select(i => producer.ProduceAsync(topic, Debezium(i % 40, 5 + (i / 40)), ct)).ToList();
        // The outage itself is the scenario: the brokers stay down for a few seconds while records wait to be written.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.DoesNotContain(pending, p => p.IsCompletedSuccessfully);
        _kafka.SetAllBrokersUp();
        var second = (await Task.WhenAll(pending).WaitAsync(DeliveryTimeout, ct)).Select(r => (r.Partition.Value, r.Offset.Value)).ToList();

        await WaitForAllAsync(topic, [.. first, .. second], ct);
        AssertPerKeyInPartitionOrder(DeliveryRecorder.For(topic));
    }

    [Fact]
    public async Task KafkaStreams_StartPositionLatest_SkipsRecordsProducedBeforeTheFirstAssignment()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopic();
        var old = await ProduceAsync(topic, keys: 20, perKey: 2, ct, createTopic: true);
        await using var cluster = await StartClusterAsync(topic, "group-latest", ct, createTopic: false, startPosition: KafkaStartPosition.Latest);

        // When the partitions are assigned is not observable from outside: keep producing fresh records (one per key, all
        // partitions) until one arrives, which proves the consumer is positioned after the old records.
        using var producer = NewProducer();
        for (var sequence = 100; sequence < 140 && DeliveryRecorder.CountFor(topic) == 0; sequence++)
        {
            foreach (var key in Enumerable.Range(0, 20))
            {
                await producer.ProduceAsync(topic, Debezium(key, sequence), ct);
            }

            await Eventually.TryWaitUntilAsync(() => DeliveryRecorder.CountFor(topic) > 0, TimeSpan.FromMilliseconds(500), ct);
        }

        Assert.True(DeliveryRecorder.CountFor(topic) > 0, "no record produced after start-up reached a grain");
        var oldPositions = old.ToHashSet();
        Assert.DoesNotContain(DeliveryRecorder.For(topic), d => oldPositions.Contains((d.Event.Partition, d.Event.Offset)));
    }

    private static string NewTopic() => "orders-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<InProcessTestCluster> StartClusterAsync(string topic, string group, CancellationToken ct, bool createTopic = true, string? deadLetterTopic = null, KafkaStartPosition startPosition = KafkaStartPosition.Earliest, TimeSpan? pullPeriod = null)
    {
        if (createTopic)
        {
            _kafka.CreateTopic(topic, Partitions);
        }

        var bootstrap = _kafka.BootstrapServers;
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddKafkaStreams(
            ProviderName,
            options =>
            {
                options.BootstrapServers = bootstrap;
                options.ConsumerGroupId = group;
                options.StartPosition = startPosition;
                options.DeadLetterTopic = deadLetterTopic;
                options.CommitInterval = TimeSpan.FromMilliseconds(200);
                options.PullPeriod = pullPeriod ?? options.PullPeriod;
                options.Topics.Add(new KafkaTopicOptions { Topic = topic, StreamNamespace = StreamNamespace, Format = "debezium", KeyFields = ["ORDER_ID"] });
            },
            stream => stream.ConfigureStreamPubSub(global::Orleans.Streams.StreamPubSubType.ImplicitOnly)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task<List<(int Partition, long Offset)>> ProduceAsync(string topic, int keys, int perKey, CancellationToken ct, int startSequence = 0, bool createTopic = false)
    {
        if (createTopic)
        {
            _kafka.CreateTopic(topic, Partitions);
        }

        using var producer = NewProducer();
        var stored = new List<(int, long)>();
        for (var sequence = startSequence; sequence < startSequence + perKey; sequence++)
        {
            var batch = Enumerable.Range(0, keys).Select(key => producer.ProduceAsync(topic, Debezium(key, sequence), ct)).ToList();
            foreach (var result in await Task.WhenAll(batch))
            {
                stored.Add((result.Partition.Value, result.Offset.Value));
            }
        }

        return stored;
    }

    private IProducer<byte[], byte[]> NewProducer() =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, EnableIdempotence = true, Acks = Acks.All, Partitioner = Partitioner.Murmur2 }).Build();

    private static byte[] Key(int key) => Encoding.UTF8.GetBytes($$"""{"ORDER_ID":{{key}}}""");

    private static Message<byte[], byte[]> Debezium(int key, int sequence) => new()
    {
        Key = Key(key),
        Value = Encoding.UTF8.GetBytes($$$"""{"before":null,"after":{"ORDER_ID":{{{key}}},"SEQ":{{{sequence}}},"STATUS":"NEW"},"op":"{{{(sequence == 0 ? "c" : "u")}}}","ts_ms":{{{sequence}}},"source":{"lsn":{{{sequence}}}}}"""),
    };

    private static int Sequence(KafkaChangeEvent change)
    {
        using var document = System.Text.Json.JsonDocument.Parse(change.After);
        return document.RootElement.GetProperty("SEQ").GetInt32();
    }

    private static async Task WaitForAllAsync(string topic, IReadOnlyCollection<(int Partition, long Offset)> expected, CancellationToken ct)
    {
        var wanted = expected.ToHashSet();
        await Eventually.WaitUntilAsync(
            () => DeliveryRecorder.For(topic).Select(d => (d.Event.Partition, d.Event.Offset)).ToHashSet().IsSupersetOf(wanted),
            DeliveryTimeout,
            () => $"{wanted.Count} records of {topic} delivered to grains; {wanted.Intersect(DeliveryRecorder.For(topic).Select(d => (d.Event.Partition, d.Event.Offset))).Count()} were",
            ct);
    }

    private async Task WaitForCommitsAsync(string topic, string group, IReadOnlyCollection<(int Partition, long Offset)> records, CancellationToken ct)
    {
        var ends = records.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1);
        IReadOnlyDictionary<int, long> committed = new Dictionary<int, long>();
        await Eventually.WaitUntilAsync(
            () =>
            {
                committed = ReadCommitted(topic, group);
                return ends.All(e => committed.GetValueOrDefault(e.Key, -1) >= e.Value);
            },
            DeliveryTimeout,
            () => $"offsets of {topic} committed under {group} up to {string.Join(",", ends.OrderBy(e => e.Key).Select(e => $"{e.Key}:{e.Value}"))}; committed {string.Join(",", committed.OrderBy(e => e.Key).Select(e => $"{e.Key}:{e.Value}"))}",
            ct);
    }

    private IReadOnlyDictionary<int, long> ReadCommitted(string topic, string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = group }).Build();
        return consumer.Committed(Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .Where(c => c.Offset.Value >= 0)
            .ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    private List<Message<byte[], byte[]>> ConsumeAll(string topic, int count, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = "dlq-reader", AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var messages = new List<Message<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (messages.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {count} dead letters on {topic}; got {messages.Count}");
            ct.ThrowIfCancellationRequested();
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                messages.Add(result.Message);
            }
        }

        return messages;
    }

    private static string Header(Message<byte[], byte[]> message, string name) =>
        message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new Xunit.Sdk.XunitException($"dead letter has no '{name}' header");

    /// <summary>
    /// Per key, records arrive in partition order the first time they arrive. Delivery is at least once: when a partition
    /// moves between silos (the second silo joining takes half of them), what its old owner delivered but had not yet
    /// committed is delivered again by the new owner, from the committed offset on; such repeats are not reordering.
    /// </summary>
    private static void AssertPerKeyInPartitionOrder(IEnumerable<Delivery> deliveries)
    {
        foreach (var byKey in deliveries.GroupBy(d => d.GrainKey))
        {
            var positions = byKey.Select(d => (d.Event.Partition, d.Event.Offset)).ToList();
            Assert.Single(positions.Select(p => p.Partition).Distinct());
            var seen = new HashSet<long>();
            var highest = -1L;
            foreach (var (_, offset) in positions)
            {
                if (!seen.Add(offset))
                {
                    continue;
                }

                Assert.True(offset > highest, $"key {byKey.Key}: offset {offset} first delivered after {highest}; order of deliveries {string.Join(",", positions.Select(p => p.Offset))}");
                highest = offset;
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KafkaClusterCollection
{
    public const string Name = "kafka-cluster";
}
