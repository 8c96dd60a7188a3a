using System.Text;
using System.Text.Json.Nodes;
using FastData.Grains.Pipeline;
using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Tests;

public sealed class KafkaSingleViewChangeSinkTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Publish_WithDocuments_WritesTheEventAroundTheStoredBytes()
    {
        var publisher = new RecordingPublisher();
        var sink = new KafkaSingleViewChangeSink(publisher, RetailModel.Instance, "sv-{0}", includeDocuments: true);
        var before = """{"CUSTOMER_ID":7,"NAME":"Zo\u00eb","createdAt":"x"}"""u8.ToArray();
        var after = """{"CUSTOMER_ID":7,"NAME":"Zed","createdAt":"x"}"""u8.ToArray();

        await sink.PublishAsync(new SingleViewChange("customer-360", "7", SingleViewOperation.Update, before, after, At), TestContext.Current.CancellationToken);

        var (topic, key, value) = Assert.Single(publisher.Published);
        Assert.Equal("sv-customer-360", topic);
        Assert.Equal("7", Encoding.UTF8.GetString(key!));
        var expected = JsonNode.Parse("""
            {"operationType":"UPDATE","singleViewName":"customer-360","documentId":{"CUSTOMER_ID":7},"key":"7",
             "timestamp":"2026-12-05T09:00:00.0000000+00:00",
             "before":{"CUSTOMER_ID":7,"NAME":"Zoë","createdAt":"x"},"after":{"CUSTOMER_ID":7,"NAME":"Zed","createdAt":"x"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(value!)), Encoding.UTF8.GetString(value!));
    }

    [Fact]
    public async Task Publish_DeleteOrWithoutDocuments_LeavesTheImagesOut()
    {
        var publisher = new RecordingPublisher();
        var withDocuments = new KafkaSingleViewChangeSink(publisher, RetailModel.Instance, "sv-{0}", includeDocuments: true);
        var withoutDocuments = new KafkaSingleViewChangeSink(publisher, RetailModel.Instance, "sv-{0}", includeDocuments: false);
        var document = """{"CUSTOMER_ID":7}"""u8.ToArray();

        await withDocuments.PublishAsync(new SingleViewChange("customer-360", "7", SingleViewOperation.Delete, document, default, At), TestContext.Current.CancellationToken);
        await withoutDocuments.PublishAsync(new SingleViewChange("customer-360", "7", SingleViewOperation.Insert, default, document, At), TestContext.Current.CancellationToken);

        var deleted = JsonNode.Parse(publisher.Published[0].Value!)!.AsObject();
        var inserted = JsonNode.Parse(publisher.Published[1].Value!)!.AsObject();
        Assert.Equal("DELETE", deleted["operationType"]!.GetValue<string>());
        Assert.True(deleted.ContainsKey("before"));
        Assert.False(deleted.ContainsKey("after"));
        Assert.Equal("INSERT", inserted["operationType"]!.GetValue<string>());
        Assert.False(inserted.ContainsKey("before") || inserted.ContainsKey("after"));
    }

    private sealed class RecordingPublisher : IKafkaPublisher
    {
        public List<(string Topic, byte[]? Key, byte[]? Value)> Published { get; } = [];

        public Task<KafkaPublishResult> PublishAsync(string topic, byte[]? key, byte[]? value, IReadOnlyList<KeyValuePair<string, byte[]>>? headers = null, CancellationToken cancellationToken = default)
        {
            Published.Add((topic, key, value));
            return Task.FromResult(new KafkaPublishResult(topic, 0, Published.Count - 1));
        }

        public Task PublishBatchAsync(string topic, IReadOnlyList<KafkaOutgoingRecord> records, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The sink publishes one record at a time.");
    }
}
