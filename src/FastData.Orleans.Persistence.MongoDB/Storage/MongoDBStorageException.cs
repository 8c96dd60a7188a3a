using Orleans;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>A MongoDB grain storage operation failed for a reason other than an ETag conflict.</summary>
[GenerateSerializer]
public sealed class MongoDBStorageException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public MongoDBStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public MongoDBStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
