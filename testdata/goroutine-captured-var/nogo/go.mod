module example.com/gcv/nogo
