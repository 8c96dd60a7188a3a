namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>
/// Turns one Kafka record into typed change events. Implementations are stateless and thread-safe; register custom ones
/// in <see cref="KafkaStreamOptions.CustomFormats"/> and name them in <see cref="KafkaTopicOptions.Format"/>.
/// </summary>
public interface IKafkaMessageFormat
{
    /// <summary>The name topics use to select this format (case-insensitive), e.g. <c>debezium</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Decodes <paramref name="record"/>. Never throws for bad input: returns <see cref="KafkaDecodeResult.Fail"/> with the
    /// reason instead.
    /// </summary>
    KafkaDecodeResult Decode(in KafkaRecord record, KafkaKeyFields keyFields);
}
