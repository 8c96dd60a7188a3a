namespace FastData.Model.Configuration;

/// <summary>The change-data-capture message format of a projection's ingestion topic.</summary>
public enum MessageFormat
{
    /// <summary><c>debezium</c>: {before, after, op, source}, with or without the schema/payload wrapper.</summary>
    Debezium,
    /// <summary><c>golden-gate</c>: {op_type, before, after, pos}.</summary>
    GoldenGate,
    /// <summary><c>basic</c>: key + value, a null value deletes.</summary>
    Basic,
}
