module example.com/gcv/go122

go 1.22
