using Orleans;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Marks a MongoDB connection string option so that Orleans' option logging prints it without credentials.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class RedactMongoConnectionStringAttribute : RedactAttribute
{
    /// <inheritdoc />
    public override string Redact(object? value) => MongoConnectionStringRedactor.Redact(value as string);
}
