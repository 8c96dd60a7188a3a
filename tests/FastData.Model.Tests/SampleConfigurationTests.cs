using FastData.Model.Configuration;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class SampleConfigurationTests
{
    [Fact]
    public void RetailSample_Load_HasNoErrors()
    {
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.RetailSample);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var model = result.Model!;
        Assert.Equal(["addresses", "customers", "order_items", "orders", "products"], model.Projections.Keys.Order());
        Assert.Equal(["customer-360", "product-sales"], model.SingleViews.Keys.Order());
        Assert.Equal(["ORDER_ID", "LINE_NO"], model.Projections["order_items"].PrimaryKey);
        Assert.Equal(MessageFormat.Debezium, model.Projections["orders"].Format);
        Assert.Equal(FieldType.Date, model.Projections["customers"].Fields["CREATED_AT"].Type);
        Assert.Equal("customers", model.SingleViews["customer-360"].BaseProjection.Name);
        Assert.True(model.TryGetProjectionByTopic("retail.public.order_items", out var items));
        Assert.Equal("order_items", items.Name);
    }
}
