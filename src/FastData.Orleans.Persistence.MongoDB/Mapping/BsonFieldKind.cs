namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>The BSON type a JSON field is stored as (see <see cref="JsonBsonConverter"/>).</summary>
public enum BsonFieldKind
{
    /// <summary>Inferred: integral numbers that fit become Int32, larger ones Int64, others Double; strings stay strings.</summary>
    Auto = 0,

    /// <summary>A BSON string.</summary>
    String,

    /// <summary>A 32-bit integer; the JSON number must be integral and in range.</summary>
    Int32,

    /// <summary>A 64-bit integer; the JSON number must be integral and in range.</summary>
    Int64,

    /// <summary>A double.</summary>
    Double,

    /// <summary>A Decimal128 (exact decimal).</summary>
    Decimal128,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A BSON date (UTC, millisecond precision) from an ISO 8601 string or from epoch milliseconds.</summary>
    DateTime,
}
