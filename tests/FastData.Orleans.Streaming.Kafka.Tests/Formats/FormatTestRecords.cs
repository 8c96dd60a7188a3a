using System.Text;
using FastData.Orleans.Streaming.Kafka.Formats;

namespace FastData.Orleans.Streaming.Kafka.Tests.Formats;

internal static class FormatTestRecords
{
    public static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    public static KafkaRecord Record(string? key, string? value, string topic = "retail.public.orders", int partition = 3, long offset = 42) =>
        new(topic, partition, offset, Timestamp, key is null ? null : Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value));

    public static string Text(ReadOnlyMemory<byte> json) => Encoding.UTF8.GetString(json.Span);
}
