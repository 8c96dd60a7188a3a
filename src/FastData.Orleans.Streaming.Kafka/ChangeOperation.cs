namespace FastData.Orleans.Streaming.Kafka;

/// <summary>What a change event does to the record identified by its key.</summary>
public enum ChangeOperation : byte
{
    /// <summary>The record was created, read in a snapshot or updated: <see cref="KafkaChangeEvent.After"/> holds it.</summary>
    Upsert = 0,

    /// <summary>The record was deleted: <see cref="KafkaChangeEvent.Before"/> holds its last image when the source sent one.</summary>
    Delete = 1,
}
