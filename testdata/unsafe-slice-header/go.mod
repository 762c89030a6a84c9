module example.com/unsafe-slice-header

go 1.21
