using FastData.Grains.Storage;
using FastData.Orleans.Persistence.MongoDB;

namespace FastData.Grains.Tests;

/// <summary>Field types of the collections, derived from samples/retail.</summary>
public sealed class MongoRecordSchemaTests
{
    private static readonly MongoRecordSchema Schema = MongoRecordSchema.FromModel(RetailModel.Instance);

    [Theory]
    [InlineData("customers", "CUSTOMER_ID", BsonFieldKind.Int64)]
    [InlineData("customers", "CREATED_AT", BsonFieldKind.DateTime)]
    [InlineData("customers", "IS_ACTIVE", BsonFieldKind.Boolean)]
    [InlineData("customers", "FIRST_NAME", BsonFieldKind.String)]
    [InlineData("orders", "TOTAL_AMOUNT", BsonFieldKind.Double)]
    [InlineData("orders", "createdAt", BsonFieldKind.DateTime)]
    [InlineData("orders", "__source", BsonFieldKind.Auto)]
    [InlineData("orders", "NO_SUCH_FIELD", BsonFieldKind.Auto)]
    [InlineData("no-such-collection", "CUSTOMER_ID", BsonFieldKind.Auto)]
    public void KindOf_ProjectionField_FollowsDeclaredType(string collection, string field, BsonFieldKind expected) =>
        Assert.Equal(expected, Schema.KindOf(collection, field));

    [Theory]
    [InlineData("CUSTOMER_ID", BsonFieldKind.Int64)]
    [InlineData("CREATED_AT", BsonFieldKind.DateTime)]
    [InlineData("updatedAt", BsonFieldKind.DateTime)]
    [InlineData("orders.ORDER_DATE", BsonFieldKind.DateTime)]
    [InlineData("orders.ORDER_ID", BsonFieldKind.Int64)]
    [InlineData("orders.items.PRODUCT_NAME", BsonFieldKind.String)]
    [InlineData("address.CITY", BsonFieldKind.String)]
    public void HintsFor_SingleView_FollowTheMappedProjectionFields(string path, BsonFieldKind expected) =>
        Assert.Equal(expected, Schema.HintsFor("customer-360")[path]);

    [Fact]
    public void Untyped_AnyCollection_HasNoHints() =>
        Assert.Empty(MongoRecordSchema.Untyped.HintsFor("customers"));
}
