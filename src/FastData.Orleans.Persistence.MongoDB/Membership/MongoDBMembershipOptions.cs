using MongoDB.Driver;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Options of the MongoDB cluster membership table and gateway list provider.</summary>
public sealed class MongoDBMembershipOptions
{
    /// <summary>Required. A MongoDB connection string; logged without its password.</summary>
    [RedactMongoConnectionString]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Required. The database holding the membership collection.</summary>
    public string DatabaseName { get; set; } = string.Empty;

    /// <summary>The collection holding one membership document per cluster id.</summary>
    public string CollectionName { get; set; } = "OrleansMembership";

    /// <summary>Optional hook on the driver settings.</summary>
    public Action<MongoClientSettings>? ConfigureClientSettings { get; set; }
}
