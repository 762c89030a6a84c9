module example.com/cgo-slice-header

go 1.21
