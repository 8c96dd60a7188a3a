using System.Text;
using FastData.Orleans.Streaming.Kafka.Formats;
using FastData.Orleans.Streaming.Kafka.Providers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;

namespace FastData.Orleans.Streaming.Kafka.Tests.Providers;

public sealed class KafkaStreamOptionsValidatorTests
{
    [Fact]
    public void Validate_EmptyOptions_ListsEveryProblem()
    {
        var errors = KafkaStreamOptionsValidator.Validate(new KafkaStreamOptions { ConsumerGroupId = "" });

        Assert.Contains(errors, e => e.StartsWith("BootstrapServers", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ConsumerGroupId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Topics", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadTopic_NamesTheTopicAndOption()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "localhost:9092" };
        options.Topics.Add(new KafkaTopicOptions { Topic = "t", StreamNamespace = "", Format = "avro", KeyFields = [], Partitions = 0 });
        options.Topics.Add(new KafkaTopicOptions { Topic = "t", StreamNamespace = "n", KeyFields = ["ID"] });
        options.DeadLetterTopic = "t";

        var errors = KafkaStreamOptionsValidator.Validate(options);

        Assert.Contains("Topics[0].StreamNamespace is required.", errors);
        Assert.Contains(errors, e => e.StartsWith("Topics[0].Format 'avro' is not a registered format", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Topics[0].KeyFields", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Topics[0].Partitions", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Topics[1].Topic 't' is listed more than once", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DeadLetterTopic", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateConfiguration_Invalid_ThrowsNamingTheProvider()
    {
        var validator = new KafkaStreamOptionsValidator(new KafkaStreamOptions(), "ingest");

        var exception = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
        Assert.Contains("'ingest'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("KafkaStreamOptions.BootstrapServers", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PullWaitAndInactivityOutOfRange_NamesBothOptions()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "localhost:9092", PullWait = TimeSpan.FromSeconds(6), StreamInactivityPeriod = TimeSpan.FromMilliseconds(500) };
        options.Topics.Add(new KafkaTopicOptions { Topic = "t", StreamNamespace = "n", KeyFields = ["ID"] });

        var errors = KafkaStreamOptionsValidator.Validate(options);

        Assert.Contains(errors, e => e.StartsWith("PullWait must be between 0 and 5 seconds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("StreamInactivityPeriod must be at least 1 second", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Valid_NoErrors()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "localhost:9092" };
        options.Topics.Add(new KafkaTopicOptions { Topic = "t", StreamNamespace = "n", Format = "golden-gate", KeyFields = ["ID"] });

        Assert.Empty(KafkaStreamOptionsValidator.Validate(options));
    }

    [Fact]
    public void Describe_SecretSettings_Redacted()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "b:9092" };
        options.KafkaSettings["sasl.password"] = "hunter2";
        options.KafkaSettings["ssl.key.password"] = "s3cret";
        options.KafkaSettings["sasl.oauthbearer.client.secret"] = "abc";
        options.KafkaSettings["sasl.username"] = "svc";
        options.KafkaSettings["ssl.ca.location"] = "/etc/ca.pem";

        var text = KafkaClientSettings.Describe(options);

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("=abc", text, StringComparison.Ordinal);
        Assert.Contains("sasl.username=svc", text, StringComparison.Ordinal);
        Assert.Contains("ssl.ca.location=/etc/ca.pem", text, StringComparison.Ordinal);
    }
}

public sealed class DeliveryLedgerTests
{
    [Fact]
    public void CommitPoint_AContainerOrleansGaveUpOn_HoldsTheCommitsThere()
    {
        var ledger = new DeliveryLedger();
        ledger.AddContainer(5);
        ledger.AddContainer(7);
        ledger.AddContainer(9);
        ledger.MarkRead(12);
        ledger.MarkDelivered(5);

        ledger.MarkFailed(7);
        ledger.MarkDelivered(9);

        Assert.Equal(7, ledger.CommitPoint());
        Assert.Equal(7, ledger.HeldAt);
    }

    [Fact]
    public void CommitPoint_NothingRead_Null() => Assert.Null(new DeliveryLedger().CommitPoint());

    [Fact]
    public void CommitPoint_StopsAtTheOldestUndeliveredContainer()
    {
        var ledger = new DeliveryLedger();
        ledger.AddContainer(5);
        ledger.AddContainer(7);
        ledger.AddContainer(9);
        ledger.MarkRead(12);

        Assert.Equal(5, ledger.CommitPoint());
        ledger.MarkDelivered(7);
        Assert.Equal(9, ledger.CommitPoint());
        ledger.MarkDelivered(9);
        Assert.Equal(12, ledger.CommitPoint());
    }

    [Fact]
    public void CommitPoint_WaitsForDeadLetters()
    {
        var ledger = new DeliveryLedger();
        ledger.AddContainer(1);
        var letter = new DeadLetterTicket(2);
        ledger.AddDeadLetter(letter);
        ledger.AddContainer(3);
        ledger.MarkRead(4);
        ledger.MarkDelivered(3);

        Assert.Equal(2, ledger.CommitPoint());
        Assert.True(ledger.HasPendingDeadLetters());
        letter.Complete();
        Assert.Equal(4, ledger.CommitPoint());
    }
}

public sealed class KafkaSequenceTokenTests
{
    [Fact]
    public void CompareTo_OrdersByPartitionOffsetThenIndex()
    {
        Assert.True(new KafkaSequenceToken(1, 10, 0).CompareTo(new KafkaSequenceToken(1, 10, 1)) < 0);
        Assert.True(new KafkaSequenceToken(1, 11, 0).CompareTo(new KafkaSequenceToken(1, 10, 1)) > 0);
        Assert.True(new KafkaSequenceToken(0, 99, 0).CompareTo(new KafkaSequenceToken(1, 0, 0)) < 0);
        Assert.Equal(new KafkaSequenceToken(2, 3, 1), new KafkaSequenceToken(2, 3, 1));
    }
}

public sealed class KafkaPartitionerTests
{
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Murmur2_MatchesKafkaJavaClient(string input, int expected)
    {
        Assert.Equal(expected, KafkaPartitioner.Murmur2(Encoding.UTF8.GetBytes(input)));
    }
}

public sealed class ChangeEventEncoderTests
{
    private static readonly KafkaKeyFields Keys = KafkaKeyFields.Of("ORDER_ID", "LINE_NO");

    [Theory]
    [InlineData("debezium")]
    [InlineData("golden-gate")]
    [InlineData("basic")]
    public void Encode_ThenDecode_GivesTheSameEvent(string formatName)
    {
        var format = new KafkaMessageFormats().TryGet(formatName, out var found) ? found : throw new InvalidOperationException();
        var binding = new TopicBinding("t", "n", format, Keys, 4);
        var upsert = new KafkaChangeEvent(ChangeOperation.Upsert, "7|a%7Cb", ReadOnlyMemory<byte>.Empty, Encoding.UTF8.GetBytes("""{"ORDER_ID":7,"LINE_NO":"a|b","Q":1}"""), "t", 0, 0, 0, DateTimeOffset.UnixEpoch, "123");
        var delete = new KafkaChangeEvent(ChangeOperation.Delete, "7|a%7Cb", Encoding.UTF8.GetBytes("""{"ORDER_ID":7,"LINE_NO":"a|b"}"""), ReadOnlyMemory<byte>.Empty, "t", 0, 1, 0, DateTimeOffset.UnixEpoch, null);

        foreach (var change in new[] { upsert, delete })
        {
            var (key, value) = ChangeEventEncoder.Encode(binding, change);
            var decoded = format.Decode(new KafkaRecord("t", 0, 5, DateTimeOffset.UnixEpoch, key, value), Keys);

            Assert.False(decoded.IsFailure, decoded.FailureDetail);
            Assert.Equal((change.Operation, change.Key), (decoded.First!.Operation, decoded.First.Key));
            Assert.Equal(Encoding.UTF8.GetString(change.After.Span), Encoding.UTF8.GetString(decoded.First.After.Span));
        }
    }
}

public sealed class SerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void KafkaChangeEvent_RoundTripsThroughOrleansSerializer()
    {
        var change = new KafkaChangeEvent(ChangeOperation.Upsert, "7|2", Encoding.UTF8.GetBytes("""{"a":1}"""), Encoding.UTF8.GetBytes("""{"a":2}"""), "t", 3, 42, 1, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), "00017");

        var copy = Serializer.Deserialize<KafkaChangeEvent>(Serializer.SerializeToArray(change))!;

        Assert.Equal((change.Operation, change.Key, change.Topic, change.Partition, change.Offset, change.Index, change.Timestamp, change.SourceOrdering), (copy.Operation, copy.Key, copy.Topic, copy.Partition, copy.Offset, copy.Index, copy.Timestamp, copy.SourceOrdering));
        Assert.Equal(change.Before.ToArray(), copy.Before.ToArray());
        Assert.Equal(change.After.ToArray(), copy.After.ToArray());
    }

    [Fact]
    public void KafkaBatchContainer_RoundTripsWithItsEventsAndTokens()
    {
        var events = new KafkaChangeEvent[4];
        events[0] = new KafkaChangeEvent(ChangeOperation.Upsert, "7", default, Encoding.UTF8.GetBytes("{}"), "t", 3, 10, 0, DateTimeOffset.UnixEpoch, null);
        events[1] = new KafkaChangeEvent(ChangeOperation.Delete, "7", default, default, "t", 3, 12, 0, DateTimeOffset.UnixEpoch, null);
        var container = new KafkaBatchContainer(StreamId.Create("orders", "7"), events, 2);

        var copy = Serializer.Deserialize<KafkaBatchContainer>(Serializer.SerializeToArray(container))!;

        Assert.Equal(container.StreamId, copy.StreamId);
        Assert.Equal(new KafkaSequenceToken(3, 10, 0), copy.SequenceToken);
        var items = copy.GetEvents<KafkaChangeEvent>().ToList();
        Assert.Equal([10L, 12L], items.Select(i => i.Item1.Offset));
        Assert.Equal(new KafkaSequenceToken(3, 12, 0), items[1].Item2);
        Assert.Empty(copy.GetEvents<string>());
    }
}
