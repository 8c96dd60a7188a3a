namespace FastData.Model.Configuration;

/// <summary>The type of a projection field after casting.</summary>
public enum FieldType
{
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>A JSON number (double precision).</summary>
    Number,
    /// <summary>A JSON number without fraction (64-bit).</summary>
    Integer,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>An instant; an ISO-8601 UTC string in the typed record, a BSON date in storage.</summary>
    Date,
    /// <summary>A JSON object.</summary>
    Object,
    /// <summary>A JSON array.</summary>
    Array,
}
