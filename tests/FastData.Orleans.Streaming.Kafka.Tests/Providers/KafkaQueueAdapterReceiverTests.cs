using System.Text;
using Confluent.Kafka;
using FastData.Orleans.Streaming.Kafka.Embedded;
using FastData.Orleans.Streaming.Kafka.Formats;
using FastData.Orleans.Streaming.Kafka.Providers;
using FastData.Orleans.Streaming.Kafka.Tests.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Tests.Providers;

/// <summary>One partition's receiver on the embedded Kafka, driven the way Orleans' pulling agent drives it.</summary>
public sealed class KafkaQueueAdapterReceiverTests : IAsyncLifetime
{
    private const string Topic = "receiver-orders";
    private EmbeddedKafka _kafka = null!;

    public ValueTask InitializeAsync()
    {
        _kafka = EmbeddedKafka.Start(brokerCount: 1);
        _kafka.CreateTopic(Topic, partitions: 1);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _kafka.DisposeAsync();

    [Fact]
    public async Task GetQueueMessagesAsync_MoreKeysThanOrleansTakes_CoalescesEveryBufferedRecordAndCarriesTheRestInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, Acks = Acks.All }).Build())
        {
            // Offsets 0..5: keys 1, 2, 3, 1, 2, 3.
            foreach (var key in new[] { 1, 2, 3, 1, 2, 3 })
            {
                await producer.ProduceAsync(new TopicPartition(Topic, 0), Record(key), ct);
            }
        }

        var options = new KafkaStreamOptions { BootstrapServers = _kafka.BootstrapServers, ConsumerGroupId = "receiver-test", DeadLetterTopic = null };
        await using var hub = new KafkaConsumerHub(options, "kafka", NullLogger<KafkaConsumerHub>.Instance);
        await using var producerHost = new KafkaProducerHost(options, "kafka", NullLogger<KafkaProducerHost>.Instance);
        var binding = new TopicBinding(Topic, "orders", new DebeziumMessageFormat(), new KafkaKeyFields(["ORDER_ID"]), 1);
        var receiver = new KafkaQueueAdapterReceiver(
            "kafka", QueueId.GetQueueId("kafka", 0, 0), binding, 0, hub, new DeadLetterWriter(options, "kafka", producerHost, NullLogger<DeadLetterWriter>.Instance), producerHost, new DeliveryRelay(), options, NullLogger<KafkaQueueAdapterReceiver>.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => receiver.BufferedRecords == 6, TimeSpan.FromSeconds(60), () => $"6 records buffered for the receiver; {receiver.BufferedRecords} were", ct);

        // Orleans takes 2 containers: the pull still reads all 6 records, so each key's 2 records share one container.
        var first = await receiver.GetQueueMessagesAsync(2, ct);
        var second = await receiver.GetQueueMessagesAsync(2, ct);
        var third = await receiver.GetQueueMessagesAsync(2, ct);

        Assert.Equal(["key 1 at 0,3", "key 2 at 1,4"], Describe(first));
        Assert.Equal(["key 3 at 2,5"], Describe(second));
        Assert.Empty(third);
        Assert.Equal(0, receiver.BufferedRecords);
        await receiver.Shutdown(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shutdown_AContainerOrleansGaveUpOn_CommitsNoFurtherThanItsFirstOffset()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await ReceiverFixture.StartAsync(_kafka, TimeSpan.Zero, ct);
        foreach (var key in new[] { 1, 2, 3 })
        {
            await fixture.ProduceAsync(key, ct);
        }

        await Eventually.WaitUntilAsync(() => fixture.Receiver.BufferedRecords == 3, TimeSpan.FromSeconds(60), () => $"3 records buffered; {fixture.Receiver.BufferedRecords} were", ct);
        var containers = await fixture.Receiver.GetQueueMessagesAsync(10, ct);
        Assert.Equal(["key 1 at 0", "key 2 at 1", "key 3 at 2"], Describe(containers));

        // Orleans gave up on key 2's container and delivered the others, then the agent stops.
        fixture.Receiver.OnDeliveryFailed(containers[1]);
        await fixture.Receiver.MessagesDeliveredAsync([containers[0], containers[2]], ct);
        await fixture.Receiver.Shutdown(TimeSpan.FromSeconds(10));

        Assert.Equal(1, fixture.Committed());
    }

    [Fact]
    public async Task GetQueueMessagesAsync_EmptyPartition_WaitsAndHandsOverTheRecordThatArrives()
    {
        var ct = TestContext.Current.CancellationToken;
        // A wait far longer than the test's own timeout: only the record's arrival can end the pull in time.
        await using var fixture = await ReceiverFixture.StartAsync(_kafka, TimeSpan.FromMinutes(10), ct);

        var pull = await fixture.IdlePullAsync(ct);
        Assert.False(pull.IsCompleted, "a pull of an idle partition returned instead of waiting for a record");
        await fixture.ProduceAsync(7, ct);
        var containers = await pull.WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.Equal(["key 7 at 0"], Describe(containers));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_NoPullWait_ReturnsAtOnceWhenIdle()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await ReceiverFixture.StartAsync(_kafka, TimeSpan.Zero, ct);

        var pull = await fixture.IdlePullAsync(ct);

        Assert.True(pull.IsCompletedSuccessfully, "with PullWait 0 a pull of an idle partition must not wait");
        Assert.Empty(await pull);
    }

    [Fact]
    public async Task GetQueueMessagesAsync_FirstEmptyPulls_ReturnAtOnceSoThatFlowingRecordsBatchByTick()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await ReceiverFixture.StartAsync(_kafka, TimeSpan.FromMinutes(10), ct);

        for (var i = 0; i < KafkaQueueAdapterReceiver.EmptyPullsBeforeWaiting; i++)
        {
            var pull = fixture.Receiver.GetQueueMessagesAsync(10, ct);
            Assert.True(pull.IsCompletedSuccessfully, $"empty pull {i + 1} waited; only a partition idle for {KafkaQueueAdapterReceiver.EmptyPullsBeforeWaiting} pulls may");
            Assert.Empty(await pull);
        }
    }

    [Fact]
    public async Task GetQueueMessagesAsync_CancelledWhileWaiting_ReturnsNothingPromptly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await ReceiverFixture.StartAsync(_kafka, TimeSpan.FromMinutes(10), ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var pull = await fixture.IdlePullAsync(stop.Token);
        await stop.CancelAsync();
        var containers = await pull.WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.Empty(containers);
    }

    private static List<string> Describe(IList<IBatchContainer> containers) =>
        containers.Cast<KafkaBatchContainer>().Select(c => $"key {c.StreamId.GetKeyAsString()} at {string.Join(",", c.Events.Take(c.Count).Select(e => e.Offset))}").ToList();

    /// <summary>A receiver of partition 0 of <see cref="Topic"/>, initialised, with the given long-poll wait (set directly:
    /// the validator's 5-second cap does not apply, so a test can make the wait outlast its own timeout).</summary>
    private sealed class ReceiverFixture : IAsyncDisposable
    {
        private const string GroupId = "receiver-wait-test";
        private readonly EmbeddedKafka _kafka;
        private readonly KafkaConsumerHub _hub;
        private readonly KafkaProducerHost _producerHost;

        private ReceiverFixture(EmbeddedKafka kafka, KafkaStreamOptions options)
        {
            _kafka = kafka;
            _hub = new KafkaConsumerHub(options, "kafka", NullLogger<KafkaConsumerHub>.Instance);
            _producerHost = new KafkaProducerHost(options, "kafka", NullLogger<KafkaProducerHost>.Instance);
            var binding = new TopicBinding(Topic, "orders", new DebeziumMessageFormat(), new KafkaKeyFields(["ORDER_ID"]), 1);
            Receiver = new KafkaQueueAdapterReceiver(
                "kafka", QueueId.GetQueueId("kafka", 0, 0), binding, 0, _hub, new DeadLetterWriter(options, "kafka", _producerHost, NullLogger<DeadLetterWriter>.Instance), _producerHost, new DeliveryRelay(), options, NullLogger<KafkaQueueAdapterReceiver>.Instance);
        }

        public KafkaQueueAdapterReceiver Receiver { get; }

        public static async Task<ReceiverFixture> StartAsync(EmbeddedKafka kafka, TimeSpan pullWait, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            var fixture = new ReceiverFixture(kafka, new KafkaStreamOptions { BootstrapServers = kafka.BootstrapServers, ConsumerGroupId = GroupId, DeadLetterTopic = null, PullWait = pullWait });
            await fixture.Receiver.Initialize(TimeSpan.FromSeconds(10));
            return fixture;
        }

        /// <summary>Pulls until the partition counts as idle; returns the pull that may wait.</summary>
        public async Task<Task<IList<IBatchContainer>>> IdlePullAsync(CancellationToken ct)
        {
            for (var i = 0; i < KafkaQueueAdapterReceiver.EmptyPullsBeforeWaiting; i++)
            {
                Assert.Empty(await Receiver.GetQueueMessagesAsync(10, ct));
            }

            return Receiver.GetQueueMessagesAsync(10, ct);
        }

        /// <summary>The offset the receiver's group committed for partition 0, or -1 when none.</summary>
        public long Committed()
        {
            using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = GroupId }).Build();
            return reader.Committed([new TopicPartition(Topic, 0)], TimeSpan.FromSeconds(30)).Single().Offset.Value;
        }

        public async Task ProduceAsync(int key, CancellationToken ct)
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, Acks = Acks.All }).Build();
            await producer.ProduceAsync(new TopicPartition(Topic, 0), Record(key), ct);
        }

        public async ValueTask DisposeAsync()
        {
            await Receiver.Shutdown(TimeSpan.FromSeconds(10));
            await _producerHost.DisposeAsync();
            await _hub.DisposeAsync();
        }
    }

    private static Message<byte[], byte[]> Record(int key) => new()
    {
        Key = Encoding.UTF8.GetBytes($$"""{"ORDER_ID":{{key}}}"""),
        Value = Encoding.UTF8.GetBytes($$"""{"before":null,"after":{"ORDER_ID":{{key}},"STATUS":"NEW"},"op":"c","ts_ms":1}"""),
    };
}
