namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>An index could not be created because an existing one has the same name or keys but other options, or the definition is invalid.</summary>
public sealed class MongoIndexConflictException : Exception
{
    /// <summary>Creates the exception for <paramref name="definition"/>.</summary>
    public MongoIndexConflictException(MongoIndexDefinition definition, string reason, Exception? inner = null)
        : base($"Index '{definition.EffectiveName}' on collection '{definition.CollectionName}': {reason}", inner)
    {
        Definition = definition;
    }

    /// <summary>The definition that failed.</summary>
    public MongoIndexDefinition Definition { get; }
}
