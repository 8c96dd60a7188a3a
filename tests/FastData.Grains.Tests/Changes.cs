using System.Text;
using System.Text.Json.Nodes;
using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Tests;

/// <summary>Builds change events as the Kafka provider would deliver them.</summary>
internal static class Changes
{
    public static KafkaChangeEvent Upsert(string projection, string key, JsonObject after, long offset, int partition = 0, string? ordering = null) =>
        new(ChangeOperation.Upsert, key, ReadOnlyMemory<byte>.Empty, Encoding.UTF8.GetBytes(after.ToJsonString()),
            Topic(projection), partition, offset, 0, DateTimeOffset.UtcNow, ordering);

    public static KafkaChangeEvent Delete(string projection, string key, long offset, int partition = 0, string? ordering = null) =>
        new(ChangeOperation.Delete, key, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty,
            Topic(projection), partition, offset, 0, DateTimeOffset.UtcNow, ordering);

    private static string Topic(string projection) => RetailModel.Instance.Projections[projection].Topic;
}
