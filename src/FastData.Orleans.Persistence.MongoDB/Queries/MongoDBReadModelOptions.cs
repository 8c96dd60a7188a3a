using MongoDB.Driver;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Options of <see cref="MongoReadModelStore"/> when registered with <c>AddMongoDBReadModelStore</c>.</summary>
public sealed class MongoDBReadModelOptions
{
    /// <summary>Required. A MongoDB connection string; logged without its password.</summary>
    [RedactMongoConnectionString]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Required. The database holding the read models (projections and single views).</summary>
    public string DatabaseName { get; set; } = string.Empty;

    /// <summary>Optional hook on the driver settings.</summary>
    public Action<MongoClientSettings>? ConfigureClientSettings { get; set; }

    /// <summary>Bounds applied to every query.</summary>
    public ReadModelQueryLimits Limits { get; set; } = new();
}
