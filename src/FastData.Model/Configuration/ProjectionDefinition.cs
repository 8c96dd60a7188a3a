namespace FastData.Model.Configuration;

/// <summary>A projection: the typed, validated copy of one source table.</summary>
public sealed class ProjectionDefinition
{
    internal ProjectionDefinition(string name, string topic, MessageFormat format, IReadOnlyList<string> primaryKey,
        IReadOnlyDictionary<string, FieldDefinition> fields, IReadOnlyList<FieldDefinition> fieldsInOrder)
    {
        Name = name;
        Topic = topic;
        Format = format;
        PrimaryKey = primaryKey;
        Fields = fields;
        FieldsInOrder = fieldsInOrder;
        PrimaryKeyFields = primaryKey.Where(fields.ContainsKey).Select(f => fields[f]).ToArray();
    }

    /// <summary>The projection name (also the MongoDB collection and stream namespace).</summary>
    public string Name { get; }

    /// <summary>The Kafka ingestion topic.</summary>
    public string Topic { get; }

    /// <summary>The message format of the topic.</summary>
    public MessageFormat Format { get; }

    /// <summary>The primary-key field names in declaration order (the order of the canonical key parts).</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>The primary-key fields in declaration order.</summary>
    public IReadOnlyList<FieldDefinition> PrimaryKeyFields { get; }

    /// <summary>The fields by name (ordinal).</summary>
    public IReadOnlyDictionary<string, FieldDefinition> Fields { get; }

    /// <summary>The fields in declaration order.</summary>
    public IReadOnlyList<FieldDefinition> FieldsInOrder { get; }
}
