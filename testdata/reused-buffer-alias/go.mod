module example.com/reused-buffer-alias

go 1.21
