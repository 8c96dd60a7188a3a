namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>A value could not be converted between JSON and BSON; <see cref="Path"/> names the field.</summary>
public sealed class MongoDocumentMappingException : Exception
{
    /// <summary>Creates the exception for the field at <paramref name="path"/>.</summary>
    public MongoDocumentMappingException(string path, string reason)
        : base($"Field '{path}': {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The dotted path of the offending field.</summary>
    public string Path { get; }

    /// <summary>What is wrong with the value.</summary>
    public string Reason { get; }
}
