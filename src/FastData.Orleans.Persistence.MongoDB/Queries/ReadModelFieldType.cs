namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>The declared type of a queryable field; filter values are converted to it (and rejected when they do not fit).</summary>
public enum ReadModelFieldType
{
    /// <summary>A string.</summary>
    String,

    /// <summary>An integral number (compared as Int64).</summary>
    Integer,

    /// <summary>Any number (compared as a double).</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A BSON date; filter values are ISO 8601 strings.</summary>
    Date,

    /// <summary>A sub-document: its sub-paths are queryable with values of any scalar type; no equality on the object itself.</summary>
    Object,

    /// <summary>An array: matches when an element matches; sub-paths of element documents are queryable.</summary>
    Array,

    /// <summary>Any scalar: numbers, strings and booleans are passed as they are.</summary>
    Any,
}
