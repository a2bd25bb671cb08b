/*
 * FP/SIMD register helpers for the "fpu" boot test: fill all 32 vector
 * registers (both 64-bit halves) from a base value, count the halves that
 * no longer hold it, and count non-zero halves. Plain functions, no state.
 *
 * Register table: x0 base value in, count out; x1, x3 scratch; x2 count.
 */
	.arch_extension fp
	.arch_extension simd
	.text
	.global fp_fill
fp_fill:
	add	x1, x0, #0
	fmov	d0, x1
	mov	v0.d[1], x1
	add	x1, x0, #1
	fmov	d1, x1
	mov	v1.d[1], x1
	add	x1, x0, #2
	fmov	d2, x1
	mov	v2.d[1], x1
	add	x1, x0, #3
	fmov	d3, x1
	mov	v3.d[1], x1
	add	x1, x0, #4
	fmov	d4, x1
	mov	v4.d[1], x1
	add	x1, x0, #5
	fmov	d5, x1
	mov	v5.d[1], x1
	add	x1, x0, #6
	fmov	d6, x1
	mov	v6.d[1], x1
	add	x1, x0, #7
	fmov	d7, x1
	mov	v7.d[1], x1
	add	x1, x0, #8
	fmov	d8, x1
	mov	v8.d[1], x1
	add	x1, x0, #9
	fmov	d9, x1
	mov	v9.d[1], x1
	add	x1, x0, #10
	fmov	d10, x1
	mov	v10.d[1], x1
	add	x1, x0, #11
	fmov	d11, x1
	mov	v11.d[1], x1
	add	x1, x0, #12
	fmov	d12, x1
	mov	v12.d[1], x1
	add	x1, x0, #13
	fmov	d13, x1
	mov	v13.d[1], x1
	add	x1, x0, #14
	fmov	d14, x1
	mov	v14.d[1], x1
	add	x1, x0, #15
	fmov	d15, x1
	mov	v15.d[1], x1
	add	x1, x0, #16
	fmov	d16, x1
	mov	v16.d[1], x1
	add	x1, x0, #17
	fmov	d17, x1
	mov	v17.d[1], x1
	add	x1, x0, #18
	fmov	d18, x1
	mov	v18.d[1], x1
	add	x1, x0, #19
	fmov	d19, x1
	mov	v19.d[1], x1
	add	x1, x0, #20
	fmov	d20, x1
	mov	v20.d[1], x1
	add	x1, x0, #21
	fmov	d21, x1
	mov	v21.d[1], x1
	add	x1, x0, #22
	fmov	d22, x1
	mov	v22.d[1], x1
	add	x1, x0, #23
	fmov	d23, x1
	mov	v23.d[1], x1
	add	x1, x0, #24
	fmov	d24, x1
	mov	v24.d[1], x1
	add	x1, x0, #25
	fmov	d25, x1
	mov	v25.d[1], x1
	add	x1, x0, #26
	fmov	d26, x1
	mov	v26.d[1], x1
	add	x1, x0, #27
	fmov	d27, x1
	mov	v27.d[1], x1
	add	x1, x0, #28
	fmov	d28, x1
	mov	v28.d[1], x1
	add	x1, x0, #29
	fmov	d29, x1
	mov	v29.d[1], x1
	add	x1, x0, #30
	fmov	d30, x1
	mov	v30.d[1], x1
	add	x1, x0, #31
	fmov	d31, x1
	mov	v31.d[1], x1
	ret

	.global fp_check
fp_check:
	mov	x2, #0
	add	x1, x0, #0
	fmov	x3, d0
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v0.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #1
	fmov	x3, d1
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v1.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #2
	fmov	x3, d2
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v2.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #3
	fmov	x3, d3
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v3.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #4
	fmov	x3, d4
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v4.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #5
	fmov	x3, d5
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v5.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #6
	fmov	x3, d6
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v6.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #7
	fmov	x3, d7
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v7.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #8
	fmov	x3, d8
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v8.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #9
	fmov	x3, d9
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v9.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #10
	fmov	x3, d10
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v10.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #11
	fmov	x3, d11
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v11.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #12
	fmov	x3, d12
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v12.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #13
	fmov	x3, d13
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v13.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #14
	fmov	x3, d14
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v14.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #15
	fmov	x3, d15
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v15.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #16
	fmov	x3, d16
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v16.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #17
	fmov	x3, d17
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v17.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #18
	fmov	x3, d18
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v18.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #19
	fmov	x3, d19
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v19.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #20
	fmov	x3, d20
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v20.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #21
	fmov	x3, d21
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v21.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #22
	fmov	x3, d22
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v22.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #23
	fmov	x3, d23
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v23.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #24
	fmov	x3, d24
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v24.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #25
	fmov	x3, d25
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v25.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #26
	fmov	x3, d26
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v26.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #27
	fmov	x3, d27
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v27.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #28
	fmov	x3, d28
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v28.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #29
	fmov	x3, d29
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v29.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #30
	fmov	x3, d30
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v30.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	add	x1, x0, #31
	fmov	x3, d31
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x3, v31.d[1]
	cmp	x3, x1
	cinc	x2, x2, ne
	mov	x0, x2
	ret

	.global fp_nonzero
fp_nonzero:
	mov	x2, #0
	fmov	x3, d0
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v0.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d1
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v1.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d2
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v2.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d3
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v3.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d4
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v4.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d5
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v5.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d6
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v6.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d7
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v7.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d8
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v8.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d9
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v9.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d10
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v10.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d11
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v11.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d12
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v12.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d13
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v13.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d14
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v14.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d15
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v15.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d16
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v16.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d17
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v17.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d18
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v18.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d19
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v19.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d20
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v20.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d21
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v21.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d22
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v22.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d23
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v23.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d24
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v24.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d25
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v25.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d26
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v26.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d27
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v27.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d28
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v28.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d29
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v29.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d30
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v30.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	fmov	x3, d31
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x3, v31.d[1]
	cmp	x3, #0
	cinc	x2, x2, ne
	mov	x0, x2
	ret
