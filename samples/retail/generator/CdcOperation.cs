namespace FastData.Samples.Retail;

/// <summary>The kind of a generated Kafka record, mirroring the Debezium <c>op</c> field.</summary>
public enum CdcOperation
{
    /// <summary>A row read during the initial snapshot (<c>op = "r"</c>).</summary>
    Read,

    /// <summary>A row inserted (<c>op = "c"</c>).</summary>
    Create,

    /// <summary>A row updated (<c>op = "u"</c>); <c>before</c> holds the previous row.</summary>
    Update,

    /// <summary>A row deleted (<c>op = "d"</c>); <c>before</c> holds the deleted row, <c>after</c> is null.</summary>
    Delete,

    /// <summary>The null-valued record that follows a delete so that log compaction can drop the key.</summary>
    Tombstone,
}
